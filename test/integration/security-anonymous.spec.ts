import { ExtraApi, startExtraApi } from '../support/extra-api';
import { eventually, login, withDb } from '../support/http';
import { freshLoopback, httpFrom } from '../support/source-address';

/**
 * Issue 22, item 5: refusals without a valid token are counted per source address and window (ANON_AUDIT_WINDOW;
 * 2 s on the test stack) and join the audit chain as one `access.denied_anonymous` row each, not one row a request.
 */
interface Aggregate { count: number; windowStart: string; routes: string[] }

const aggregates = (ip: string): Promise<Aggregate[]> => withDb(async (db) => (await db.query(
  `SELECT details FROM audit_log WHERE action = 'access.denied_anonymous' AND details->>'ip' = $1 ORDER BY seq`, [ip],
)).rows.map((r) => r.details));
const perRequestRows = (ip: string): Promise<number> => withDb(async (db) => (await db.query(
  `SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND details->>'ip' = $1`, [ip])).rows[0].n);
const total = (rows: Aggregate[]) => rows.reduce((sum, r) => sum + r.count, 0);

describe('anonymous refusals', () => {
  it('aggregates 100 anonymous refusals of one address into one audit row per window, with their count', async () => {
    const source = freshLoopback();
    const answers = [];
    for (let batch = 0; batch < 10; batch += 1) {
      answers.push(...await Promise.all(Array.from({ length: 10 }, (_, i) =>
        httpFrom(source, 'GET', i % 2 ? '/cases' : '/audit', i % 3 === 0 ? { token: 'not-a-token' } : {}))));
    }
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(401));
    expect(await perRequestRows(source)).toBe(0);

    const rows = await eventually(() => aggregates(source), (r) => total(r) >= 100, 20_000);
    expect(total(rows)).toBe(100);
    // One row per window: sent in well under a second, the requests span one or two windows.
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(new Set(rows.map((r) => r.windowStart)).size).toBe(rows.length);
    expect(rows.flatMap((r) => r.routes)).toEqual(expect.arrayContaining(['GET /cases']));
    const left = await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM anonymous_refusals WHERE ip = $1', [source])).rows[0].n);
    expect(left).toBe(0);

    const verify = await httpFrom(source, 'GET', '/audit/verify', { token: await login('leadership') });
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('counts what an API process refused before it stopped into the audit chain as it stops', async () => {
    // A window of an hour: nothing is flushed by the clock, only by the shutdown.
    const api: ExtraApi = await startExtraApi('api-anon-flush', { ANON_AUDIT_WINDOW: '1h' });
    const source = freshLoopback();
    try {
      const answers = await Promise.all(Array.from({ length: 12 }, () => httpFrom(source, 'GET', '/lookouts', { baseUrl: api.url })));
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(401));
    } finally {
      await api.stop();
    }
    const rows = await aggregates(source);
    expect(rows.map((r) => ({ count: r.count, routes: r.routes }))).toEqual([{ count: 12, routes: ['GET /lookouts'] }]);
    expect(await perRequestRows(source)).toBe(0);
  });
});
