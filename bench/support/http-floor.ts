import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { Sample } from './stats';

/**
 * What one HTTP hop costs on this machine, whatever the API does: a bare node:http server in a process of its own
 * answers GET with the statement the API's GET /agencies runs (AgencyDirectory), over one connection: no Nest, no
 * guard, no session, no audit. `measureHttpFloor` times it in turn with the API's signed-in GET /agencies and with the
 * same statement sent from the bench's own process; bare minus in-process is the hop (two processes woken per
 * request), API minus bare is Fastify, Nest and the guard. Run as a script, this file is that server.
 */
const STATEMENT = 'SELECT code, name, country FROM agencies WHERE retired_at IS NULL ORDER BY country DESC, code';

export interface HttpFloor { api: Sample; bare: Sample; inProcess: Sample }

export async function measureHttpFloor(pgUrl: string, apiGet: () => Promise<unknown>, count: number, warmUp: number): Promise<HttpFloor> {
  const server = fork(__filename, [], { env: { ...process.env, HTTP_FLOOR_PG: pgUrl }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const db = new Client({ connectionString: pgUrl });
  const agent = new http.Agent({ keepAlive: true });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`the bare HTTP server exited (${code}) before it listened`)));
      server.once('message', (message) => resolve(Number(message)));
    });
    server.removeAllListeners('exit');
    await db.connect();
    const ways: [keyof HttpFloor, () => Promise<unknown>][] = [
      ['api', apiGet],
      ['bare', () => get(`http://127.0.0.1:${port}/agencies`, agent)],
      ['inProcess', () => db.query(STATEMENT)],
    ];
    const floor: HttpFloor = { api: emptySample(), bare: emptySample(), inProcess: emptySample() };
    // In turn, each way first as often as last, so none is timed on what another just warmed.
    for (let i = 0; i < warmUp + count; i += 1) {
      for (let k = 0; k < ways.length; k += 1) {
        const [name, send] = ways[(i + k) % ways.length];
        const t = performance.now();
        await send();
        if (i >= warmUp) floor[name].latenciesMs.push(performance.now() - t);
      }
    }
    return floor;
  } finally {
    agent.destroy();
    await db.end().catch(() => undefined);
    server.kill();
  }
}

const emptySample = (): Sample => ({ latenciesMs: [], elapsedMs: 0, errors: 0 });

function get(url: string, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent }, (response) => {
      response.resume();
      response.on('error', reject);
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`bare floor: ${response.statusCode}`))));
    });
    request.on('error', reject);
    request.end();
  });
}

async function serve(): Promise<void> {
  const db = new Client({ connectionString: process.env.HTTP_FLOOR_PG });
  await db.connect();
  const server = http.createServer((request, response) => {
    request.resume();
    db.query(STATEMENT).then((result) => {
      const body = JSON.stringify({ items: result.rows });
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    }, (error: Error) => {
      response.writeHead(500);
      response.end(error.message);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
  process.on('SIGTERM', () => { server.close(); void db.end().finally(() => process.exit(0)); });
}

if (require.main === module) serve().catch((error) => { console.error(error); process.exit(1); });
