import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Client as PgClient } from 'pg';
import { http, login, withDb } from '../support/http';
import { ExtraApi, startExtraApi } from '../support/extra-api';
import { readStack } from '../support/stack';

const BUSY = {
  en: {
    type: 'urn:casecoord:problem:service-unavailable', title: 'Service unavailable', status: 503,
    detail: 'The server is overloaded: no database connection came free in time; nothing was changed. Retry later with the same Idempotency-Key.',
  },
  es: {
    type: 'urn:casecoord:problem:service-unavailable', title: 'Servicio no disponible', status: 503,
    detail: 'El servidor está sobrecargado: no se liberó ninguna conexión a la base de datos a tiempo; no se cambió nada. Reintente más tarde con la misma clave de idempotencia.',
  },
};
/** One request on its own socket, so all of them are in flight at once whatever fetch's connection reuse does. */
const rawGet = (url: string, token: string) => new Promise<{ status: number; body: unknown }>((resolve, reject) => {
  const req = request(url, { agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => { text += chunk; });
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
  });
  req.on('error', reject);
  req.end();
});
/** The API's pool (libs/db/data-source.ts: max 20, not configurable by env); more readers than that queue for it. */
const POOL_SIZE = 20;

/**
 * README ("How it fits together"): a request that waits more than 5 s for a pooled connection gets 503 saying the
 * server is overloaded, and nothing is written. A second API process is used so the shared one's pool stays free; its
 * pool is filled by list reads that block on a lock this test holds on the cases table (for about ten seconds; the
 * shared worker's relay waits on it too), so the connections stay busy however fast the machine is. The pool size is
 * not configurable (no env variable), so the test sends more readers than its fixed 20.
 */
describe('pool exhaustion (README: 503 when no pooled connection comes free within 5 s)', () => {
  let extra: ExtraApi;
  beforeAll(async () => { extra = await startExtraApi('api-pool', {}); });
  afterAll(async () => { await extra?.stop(); });

  it('answers 503 with the overloaded problem in English and Spanish and Retry-After, and writes nothing', async () => {
    const fbi = await login('fbi.agent');
    const call = (method: string, path: string, options: Parameters<typeof http>[2] = {}) => http(method, path, { ...options, baseUrl: extra.url });
    const title = `Pool ${randomUUID()}`;
    const key = randomUUID();
    const post = (lang: string) => call('POST', '/cases', {
      token: fbi, body: { title, category: 'OTHER' }, headers: { 'idempotency-key': key, 'accept-language': lang },
    });

    const locker = new PgClient({ connectionString: readStack().databaseUrl });
    await locker.connect();
    let readers: Promise<{ status: number; body: unknown }>[];
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE cases IN ACCESS EXCLUSIVE MODE');
      // More readers than the pool holds: each holds a connection waiting for the lock, or queues for one. While the
      // lock is held no reader can be served, so the first answer is a refusal for want of a connection, and it shows
      // the pool full; only then are the writes sent, so they cannot slip into a free connection first.
      let refused: (r: { status: number; body: unknown }) => void = () => undefined;
      const firstAnswer = new Promise<{ status: number; body: unknown }>((resolve) => { refused = resolve; });
      readers = Array.from({ length: POOL_SIZE + 5 }, () => rawGet(`${extra.url}/cases?limit=1`, fbi).then((r) => {
        refused(r);
        return r;
      }));
      const first = await Promise.race([firstAnswer, new Promise<never>((_, reject) => setTimeout(
        () => reject(new Error('no reader was answered within 30 s: the pool waits without limit')), 30_000).unref())]);
      expect(first).toEqual({ status: 503, body: BUSY.en });
      const [en, es] = await Promise.all([post('en'), post('es')]);
      expect({ status: en.status, body: en.body, type: en.headers.get('content-type') }).toEqual({ status: 503, body: BUSY.en, type: expect.stringMatching(/^application\/problem\+json/) });
      expect({ status: es.status, body: es.body }).toEqual({ status: 503, body: BUSY.es });
      expect([en.headers.get('retry-after'), es.headers.get('retry-after')]).toEqual(['5', '5']);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    // The readers that held connections finish once the lock goes; the ones queued behind them timed out the same way.
    const statuses = (await Promise.all(readers)).map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(POOL_SIZE);

    const written = await withDb(async (db) => ({
      cases: (await db.query('SELECT count(*)::int AS n FROM cases WHERE title = $1', [title])).rows[0].n,
      keys: (await db.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key])).rows[0].n,
    }));
    expect(written).toEqual({ cases: 0, keys: 0 });
    // The key was not spent: the same request, retried as the message says, is served.
    const retried = await post('en');
    expect(retried.status).toBe(201);
    expect(await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM cases WHERE title = $1', [title])).rows[0].n)).toBe(1);
  });
});
