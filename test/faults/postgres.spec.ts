import { eventually, http, login, uniqueWord, withDb } from '../support/http';
import { FaultStack } from './support/fault-stack';
import { Accepted, expectConsistent, faultCases, postCase, RETRY_AFTER_UNAVAILABLE, retryUntilAccepted } from './support/invariants';

describe('faults: PostgreSQL', () => {
  let stack: FaultStack;
  beforeAll(async () => { stack = await FaultStack.start(); });
  afterAll(async () => { await stack?.stop(); });

  it('stops and restarts during intake: no partial writes, and a retry with the same Idempotency-Key returns the same id', async () => {
    const run = `postgres-${uniqueWord()}`;
    const requests = faultCases(run, 30);
    await login('ice.agent');
    await login('dea.agent');
    await login('leadership');

    // First attempts go out in waves while the server is stopped under them; each answer is kept as a client would.
    const firstAnswers: { index: number; status: number; id?: string; detail?: string; retryAfter: string | null }[] = [];
    const send = async (index: number) => {
      const response = await postCase(requests[index], index);
      firstAnswers.push({
        index, status: response.status, id: response.status === 201 ? response.body.id : undefined, detail: response.body.detail,
        retryAfter: response.headers.get('retry-after'),
      });
    };
    const inFlight: Promise<void>[] = [];
    for (let index = 0; index < 10; index += 1) inFlight.push(send(index));
    await Promise.all(inFlight.splice(0));
    for (let index = 10; index < 20; index += 1) inFlight.push(send(index));
    await new Promise((r) => setTimeout(r, 30));
    const stopping = stack.stopPostgres();
    for (let index = 20; index < 30; index += 1) inFlight.push(send(index));
    await Promise.all([...inFlight, stopping]);

    // While it is away: 503 with Retry-After, never a 500 or a hang.
    const away = await postCase(requests[29], 29);
    expect(away.status).toBe(503);
    expect(away.headers.get('retry-after')).toBe(RETRY_AFTER_UNAVAILABLE);
    expect((await http('GET', '/health')).body).toMatchObject({ db: 'down' });
    expect(firstAnswers.filter((a) => a.status !== 201 && a.status !== 503)).toEqual([]);
    expect(firstAnswers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expect(firstAnswers.filter((a) => a.status === 503 && a.retryAfter !== RETRY_AFTER_UNAVAILABLE)).toEqual([]);

    await stack.startPostgres();
    await eventually(() => http('GET', '/health'), (r) => r.status === 200, 60_000);
    const accepted: Accepted[] = await retryUntilAccepted(requests);
    // Requests answered before the stop keep their id; the rest were written once, whatever their first answer was.
    for (const first of firstAnswers.filter((a) => a.status === 201)) expect(accepted[first.index].id).toBe(first.id);
    const replay = await postCase(requests[0], 0);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(accepted[0].id);

    // Nothing half-written: no item rows or creation audit without their case (expectConsistent then checks every
    // item's keys, and keys, hits, idempotent answers and notifications pointing at nothing).
    const orphans = await withDb(async (db) => (await db.query(
      `SELECT (SELECT count(*) FROM case_subjects s WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = s.case_id))
            + (SELECT count(*) FROM case_identifiers i WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = i.case_id))
            + (SELECT count(*) FROM audit_log a WHERE a.action = 'case.created'
                 AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id::text = a.entity_id)) AS n`,
    )).rows[0].n);
    expect(Number(orphans)).toBe(0);
    await expectConsistent(run, accepted);
  });
});
