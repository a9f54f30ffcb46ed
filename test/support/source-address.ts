import { request } from 'node:http';
import { readStack } from './stack';

export interface SourcedResponse<T = any> { status: number; body: T; headers: Headers }

/**
 * A loopback address of its own (127.0.0.0/8 all reaches this host): limits and counters kept per source address see
 * one test's requests only, however many other tests ran from 127.0.0.1.
 */
export function freshLoopback(): string {
  const octet = () => 1 + Math.floor(Math.random() * 250);
  return `127.${octet()}.${octet()}.${octet()}`;
}

/** An HTTP request sent from `source`, as a client on another address would send it. */
export function httpFrom<T = any>(
  source: string, method: string, path: string,
  options: { token?: string; body?: unknown; baseUrl?: string } = {},
): Promise<SourcedResponse<T>> {
  const url = new URL(`${options.baseUrl ?? readStack().apiUrl}${path}`);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, localAddress: source, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        let body: unknown = text;
        try { body = text ? JSON.parse(text) : undefined; } catch { /* keep text */ }
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
        }
        resolve({ status: res.statusCode ?? 0, body: body as T, headers });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
