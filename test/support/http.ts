import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { encryptingDataConverter, payloadCodecFromEnv } from '../../libs/temporal-codec/data-converter';
import { waitForHttp } from '../../libs/devstack/processes';
import { readStack } from './stack';

export const DEMO_PASSWORD = 'demo-password';

export interface Response<T = any> { status: number; body: T; headers: Headers }

/** A thin HTTP client over fetch, as any API client would talk to the server. */
export async function http<T = any>(
  method: string, path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; baseUrl?: string } = {},
): Promise<Response<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const url = `${options.baseUrl ?? readStack().apiUrl}${path}`;
  const response = await fetch(url, { method, headers, body }).catch((error: unknown) => {
    // A kept-alive socket the server closed just as the client reused it fails before the request reached the server
    // (undici: "other side closed"); browsers retry such a request once, and so do tests, for reads and logins only.
    if (!closedBeforeSent(error) || !(method === 'GET' || path === '/auth/token')) throw error;
    return fetch(url, { method, headers, body });
  });
  const text = await response.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { /* keep text */ }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

const closedBeforeSent = (error: unknown): boolean => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code === 'UND_ERR_SOCKET' && /other side closed/.test(cause.message ?? '');
};

/**
 * Announces a body the server must refuse from its Content-Length alone, and sends only the headers. Sending the body
 * too raced the server's answer: the server closes without reading it, and the reset that meets the client's write
 * can discard the 413 before the client reads it (seen in CI as no answer at all). With headers only, an answer proves
 * the refusal did not wait for the body.
 */
export async function postOversized(path: string, token: string, bytes: number): Promise<{ status: number; body: any }> {
  const { request } = await import('node:http');
  const url = new URL(`${readStack().apiUrl}${path}`);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': bytes },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        req.destroy();
      });
    });
    req.on('error', reject);
    setTimeout(() => {
      reject(new Error('no answer to the oversized body before it was sent'));
      req.destroy();
    }, 10_000).unref();
    req.flushHeaders();
  });
}

const tokens = new Map<string, string>();

export async function login(username: string): Promise<string> {
  const cached = tokens.get(username);
  if (cached) return cached;
  const response = await http('POST', '/auth/token', { body: { username, password: DEMO_PASSWORD } });
  if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  tokens.set(username, response.body.accessToken);
  return response.body.accessToken;
}

/** A superuser connection for assertions on what was (not) written, and for tampering in audit tests. */
export async function withDb<T>(work: (db: PgClient) => Promise<T>): Promise<T> {
  const db = new PgClient({ connectionString: readStack().databaseUrl });
  await db.connect();
  try { return await work(db); } finally { await db.end(); }
}

export async function countRows(table: string): Promise<number> {
  return withDb(async (db) => Number((await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n));
}

/** A Temporal client with the stack's payload codec keys, as the API and worker use it. */
export async function withTemporal<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const stack = readStack();
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const dataConverter = encryptingDataConverter(payloadCodecFromEnv(stack.env));
  try { return await work(new Client({ connection, dataConverter })); } finally { await connection.close(); }
}

/**
 * Polls until `accept` holds and returns that value; on timeout it fails the test with the last value it saw, so a
 * caller that forgets to assert on the result still cannot pass on a state that never came.
 */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() >= deadline) {
      throw new Error(`eventually: not accepted within ${timeoutMs} ms; last value: ${describe(last)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
    last = await probe();
  }
  return last;
}

const describe = (value: unknown): string => {
  const shown = value !== null && typeof value === 'object' && 'status' in value && 'body' in value
    ? { status: (value as Response).status, body: (value as Response).body } : value;
  return (JSON.stringify(shown) ?? String(shown)).slice(0, 2000);
};

/**
 * Every item a listing answers for `path` (its query included), page after page. The shared database grows with each
 * spec, so a first page of 100 holds only the oldest or most urgent items, and a newer one may not be on it.
 */
export async function allItems(path: string, options: { token: string; headers?: Record<string, string> }): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: Response = await http('GET', `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, options);
    if (page.status !== 200) throw new Error(`${path}: ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** Random letters: values that no other test's case shares, so deconfliction finds only the hits a test sets up. */
export function uniqueWord(length = 8): string {
  return Array.from({ length }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
}

const capitalised = (w: string) => w[0].toUpperCase() + w.slice(1);

/**
 * A date of birth from 1930 to 1999, day 1 to 28: about 23,500 dates, so two tests' persons rarely share one. A shared
 * date and names that merely sound alike are enough for a hit the tests did not ask for.
 */
export function randomDob(): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const pick = (size: number) => 1 + Math.floor(Math.random() * size);
  return `${1929 + pick(70)}-${pad(pick(12))}-${pad(pick(28))}`;
}

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/**
 * A realistic case whose matchable values are all fresh (names, phone, plate, serial, place and time of the planned
 * operation), so it raises no hit against other tests' cases. Build one and reuse it when the same body is needed twice.
 */
export const sampleCase = (overrides: Record<string, unknown> = {}) => {
  const day = new Date(Date.UTC(2027 + Math.floor(Math.random() * 3), 0, 1) + Math.floor(Math.random() * 360) * 86_400_000);
  const startsAt = new Date(day.getTime() + 13 * 3_600_000);
  return {
    title: 'Rifles through Nogales',
    summary: 'Straw purchases in Phoenix, crossing at Nogales.',
    category: 'ARMS_TRAFFICKING',
    flags: { portOfEntry: 'Nogales, AZ', exportSmuggling: true },
    subjects: [
      { kind: 'PERSON', fullName: `José ${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`, dateOfBirth: randomDob(), nationality: 'MX' },
      { kind: 'ORGANIZATION', name: `Organización ${capitalised(uniqueWord(10))}`, orgType: 'DTO' },
    ],
    identifiers: [
      { type: 'PHONE', value: `+1 (520) ${digits(3)}-${digits(4)}` },
      { type: 'VEHICLE_PLATE', value: `${uniqueWord(3).toUpperCase()}-${digits(4)}`, region: 'US-AZ' },
    ],
    firearms: [{ serialNumber: `${uniqueWord(2).toUpperCase()}-${digits(4)}-${digits(2)}`, make: 'FN', model: 'Five-seveN', caliber: '5.7x28mm' }],
    operations: [{
      type: 'SEARCH_WARRANT', latitude: 20 + Math.random() * 25, longitude: -120 + Math.random() * 30, radiusMeters: 300,
      startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    }],
    ...overrides,
  };
};

let clockApiReady: Promise<void> | undefined;

/**
 * The clock API's address (test/support/stack.ts, CLOCK_TEST_ENV), for the tests about clocks only. Global setup does
 * not wait for the clock pair to boot, so the first call waits for its /health.
 */
export async function clockApiUrl(): Promise<string> {
  const url = readStack().clockApiUrl;
  if (!url) throw new Error('this stack started no clock pair (clockApiUrl missing from the stack file)');
  clockApiReady ??= waitForHttp(`${url}/health`, 90_000);
  await clockApiReady;
  return url;
}

/**
 * `http` against the clock API. Tokens from `login` work on both APIs: they share the sessions table and JWT_SECRET.
 */
export async function clockHttp<T = any>(
  method: string, path: string, options: Omit<Parameters<typeof http>[2] & object, 'baseUrl'> = {},
): Promise<Response<T>> {
  return http<T>(method, path, { ...options, baseUrl: await clockApiUrl() });
}
