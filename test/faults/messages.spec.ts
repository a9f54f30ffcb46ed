import { randomUUID } from 'node:crypto';
import { eventually, http, login, sampleCase, uniqueWord, withDb, withTemporal } from '../support/http';
import { FaultStack } from './support/fault-stack';
import { expectConsistent, faultCases, retryUntilAccepted, waitForWorkflow, waitUntilActive } from './support/invariants';

const auditCount = (action: string, entityId: string) => withDb(async (db) => (await db.query(
  'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND entity_id = $2', [action, entityId],
)).rows[0].n as number);

const statusesOf = (responses: { status: number }[]) => responses.map((r) => r.status).sort();

describe('faults: repeated and out-of-order messages', () => {
  let stack: FaultStack;
  let ice: string;
  beforeAll(async () => {
    stack = await FaultStack.start();
    ice = await login('ice.agent');
  });
  afterAll(async () => { await stack?.stop(); });

  it('makes one case out of 50 concurrent requests with one Idempotency-Key', async () => {
    const key = randomUUID();
    const run = `idem50-${uniqueWord()}`;
    const body = sampleCase({ title: `${run} 0` });
    const responses = await Promise.all(Array.from({ length: 50 }, () =>
      http('POST', '/cases', { token: ice, body, headers: { 'idempotency-key': key } })));
    expect(statusesOf(responses)).toEqual(Array(50).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM cases WHERE title = $1', [body.title])).rows[0].n)).toBe(1);
    expect(await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM case_identifiers WHERE case_id = $1', [responses[0].body.id])).rows[0].n)).toBe(body.identifiers.length);
  });

  it('applies a workflow update delivered twice, and ten times at once, under one update id only once', async () => {
    const [created] = await retryUntilAccepted(faultCases(`dup-update-${uniqueWord()}`, 1));
    await waitUntilActive([created.id]);
    const actor = await withDb(async (db) => (await db.query(
      `SELECT id AS "userId", username, agency_code AS agency FROM users WHERE username = 'ice.agent'`,
    )).rows[0]);
    const updateId = randomUUID();
    const request = { actor, append: { kind: 'identifiers', items: [{ id: randomUUID(), type: 'EMAIL', value: `${uniqueWord()}@example.com` }] } };
    const results = await withTemporal(async (client) => {
      const handle = client.workflow.getHandle(`case-${created.id}`);
      const send = () => handle.executeUpdate<{ itemIds: string[] }, [typeof request]>('appendToCase', { args: [request], updateId });
      const first = await send();
      const again = await send();
      const burst = await Promise.all(Array.from({ length: 10 }, send));
      const state = await handle.query<{ appendsApplied: number }>('caseState');
      return { first, again, burst, state };
    });
    expect(results.again).toEqual(results.first);
    for (const result of results.burst) expect(result).toEqual(results.first);
    expect(results.state.appendsApplied).toBe(1);
    expect(await withDb(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM case_identifiers WHERE case_id = $1 AND type = 'EMAIL'`, [created.id],
    )).rows[0].n)).toBe(1);
    expect(await auditCount('case.identifiers_added', created.id)).toBe(1);
  });

  it('resolves a hit once when the watch desk sends the resolution five times at once', async () => {
    const run = `dup-resolve-${uniqueWord()}`;
    const pair = await retryUntilAccepted(faultCases(run, 2));
    const [hit] = await eventually(
      () => withDb(async (db) => (await db.query(
        'SELECT id FROM deconfliction_hits WHERE a_case_id = ANY($1) AND b_case_id = ANY($1)', [pair.map((p) => p.id)],
      )).rows),
      (rows) => rows.length === 1,
    );
    // The hit workflow registers just after the hit row; until then resolving answers 503 (retry), never twice.
    const coordinator = await login('coordinator');
    await eventually(() => http('GET', `/deconfliction/hits/${hit.id}`, { token: coordinator }), (r) => r.status === 200);
    await waitForWorkflow(`hit-${hit.id}`);
    const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => http('POST', `/deconfliction/hits/${hit.id}/resolve`, {
      token: coordinator, body: { resolution: 'JOINT_INVESTIGATION', note: `call ${i}` },
    })));
    expect(statusesOf(responses)).toEqual([200, 409, 409, 409, 409]);
    expect(await auditCount('hit.resolved', hit.id)).toBe(1);
    const state = await withTemporal((client) => client.workflow.getHandle(`hit-${hit.id}`).query<{ status: string }>('hitState'));
    expect(state.status).toBe('RESOLVED');
    await expectConsistent(run, pair);
  });

  it('applies a repeated referral step once, and refuses steps that arrive after it without changing state', async () => {
    const [created] = await retryUntilAccepted(faultCases(`referral-order-${uniqueWord()}`, 1));
    const cbp = await login('cbp.officer');
    const [referral] = await eventually(
      () => http('GET', `/cases/${created.id}/referrals`, { token: ice }).then((r) => (r.body.items ?? r.body) as { id: string; toAgency: string }[]),
      (items) => Array.isArray(items) && items.some((r) => r.toAgency === 'CBP'),
    ).then((items) => items.filter((r) => r.toAgency === 'CBP'));
    expect(referral).toBeDefined();
    await waitForWorkflow(`referral-${referral.id}`);

    // The receiving officer's client sends "accept" three times at once: one wins, the others learn the state.
    const accepts = await Promise.all(Array.from({ length: 3 }, () => http('POST', `/referrals/${referral.id}/accept`, { token: cbp, body: {} })));
    expect(statusesOf(accepts)).toEqual([200, 409, 409]);
    expect(await auditCount('referral.accepted', referral.id)).toBe(1);
    // An acknowledgement and a decline that arrive after the acceptance are out of order: refused, nothing changes.
    const acknowledgedBefore = await auditCount('referral.acknowledged', referral.id);
    const lateAck = await http('POST', `/referrals/${referral.id}/acknowledge`, { token: cbp, body: {} });
    const lateDecline = await http('POST', `/referrals/${referral.id}/decline`, { token: cbp, body: { reason: 'changed our mind' } });
    expect([lateAck.status, lateAck.body.currentStatus]).toEqual([409, 'ACCEPTED']);
    expect([lateDecline.status, lateDecline.body.currentStatus]).toEqual([409, 'ACCEPTED']);
    expect(await auditCount('referral.acknowledged', referral.id)).toBe(acknowledgedBefore);
    expect(await auditCount('referral.declined', referral.id)).toBe(0);
    expect((await http('GET', `/referrals/${referral.id}`, { token: cbp })).body.status).toBe('ACCEPTED');
    expect(await withDb(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM case_shares WHERE case_id = $1 AND agency_code = 'CBP' AND revoked_at IS NULL`, [created.id],
    )).rows[0].n)).toBe(1);
    const state = await withTemporal((client) => client.workflow.getHandle(`referral-${referral.id}`).query<{ status: string }>('referralState'));
    expect(state.status).toBe('ACCEPTED');
  });
});
