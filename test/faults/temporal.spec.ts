import { eventually, http, login, uniqueWord, withDb } from '../support/http';
import { FaultStack } from './support/fault-stack';
import { expectConsistent, faultCases, RETRY_AFTER_UNAVAILABLE, retryUntilAccepted, waitUntilActive } from './support/invariants';

const ESCALATION_AFTER_MS = 8000;

const hitsBetween = (ids: string[]) => withDb(async (db) => (await db.query(
  `SELECT id, status, created_at FROM deconfliction_hits WHERE a_case_id = ANY($1) AND b_case_id = ANY($1) ORDER BY id`, [ids],
)).rows as { id: string; status: string; created_at: Date }[]);

describe('faults: the Temporal server', () => {
  let stack: FaultStack;
  beforeAll(async () => { stack = await FaultStack.start({ HIT_ESCALATION_AFTER: `${ESCALATION_AFTER_MS / 1000}s` }); });
  afterAll(async () => { await stack?.stop(); });

  it('stops while escalation timers are pending: the API answers 503 (never 500), and after the restart each timer fires once', async () => {
    const run = `temporal-${uniqueWord()}`;
    const before = await retryUntilAccepted(faultCases(run, 4));
    const ids = before.map((a) => a.id);
    await waitUntilActive(ids);
    const open = await eventually(() => hitsBetween(ids), (hits) => hits.length === 2 && hits.every((h) => h.status === 'OPEN'));
    expect(open.map((h) => h.status)).toEqual(['OPEN', 'OPEN']);
    const coordinator = await login('coordinator');
    const ice = await login('ice.agent');

    await stack.stopTemporal();
    const health = await http('GET', '/health');
    expect(health).toMatchObject({ status: 503, body: { db: 'up', temporal: 'down' } });
    // Resolving is a workflow update: without Temporal it cannot happen, and the API says so instead of failing.
    const resolve = await http('POST', `/deconfliction/hits/${open[0].id}/resolve`, {
      token: coordinator, body: { resolution: 'NO_CONFLICT', note: 'checked by phone' },
    });
    expect(resolve.status).toBe(503);
    expect(resolve.headers.get('retry-after')).toBe(RETRY_AFTER_UNAVAILABLE);
    expect(resolve.headers.get('content-type')).toContain('application/problem+json');
    // Reads come from PostgreSQL and keep working.
    expect((await http('GET', `/cases/${ids[0]}/hits`, { token: ice })).status).toBe(200);
    // A case is committed and started later by the worker's relay (the documented durable path), so intake goes on.
    const during = await retryUntilAccepted(faultCases(`${run}-away`, 2));
    expect((await withDb(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND workflow_started_at IS NULL`, [during.map((a) => a.id)],
    )).rows[0].n))).toBe(2);

    // Keep the server away until the timers are overdue, so they fire after the restart, not before the stop.
    const dueAt = Math.max(...open.map((h) => new Date(h.created_at).getTime())) + ESCALATION_AFTER_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, dueAt - Date.now()) + 2000));
    expect((await hitsBetween(ids)).map((h) => h.status)).toEqual(['OPEN', 'OPEN']);

    await stack.startTemporal();
    const escalated = await eventually(() => hitsBetween(ids), (hits) => hits.every((h) => h.status === 'ESCALATED'), 90_000);
    expect(escalated.map((h) => h.status)).toEqual(['ESCALATED', 'ESCALATED']);
    expect(stack.workerAlive).toBe(true);
    // The API's connection finds the server again by itself (about a second here).
    expect((await eventually(() => http('GET', '/health'), (r) => r.status === 200)).body).toEqual({ db: 'up', temporal: 'up' });

    // Give a timer that would fire twice the time to do so before counting.
    await new Promise((r) => setTimeout(r, 3000));
    const escalations = await withDb(async (db) => (await db.query(
      `SELECT entity_id, count(*)::int AS n FROM audit_log WHERE action = 'hit.escalated' AND entity_id = ANY($1) GROUP BY 1 ORDER BY 1`,
      [open.map((h) => h.id)],
    )).rows);
    expect(escalations).toEqual(open.map((h) => ({ entity_id: h.id, n: 1 })));

    // The update refused while the server was away now goes through, once.
    const retried = await http('POST', `/deconfliction/hits/${open[0].id}/resolve`, {
      token: coordinator, body: { resolution: 'NO_CONFLICT', note: 'checked by phone' },
    });
    expect(retried.status).toBe(200);
    await expectConsistent(run, before);
    await expectConsistent(`${run}-away`, during);
  });
});
