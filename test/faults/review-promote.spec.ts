import { eventually, http, login, withDb } from '../support/http';
import { possibleMatchItem } from '../support/review-fixtures';
import { FaultStack } from './support/fault-stack';

const startOf = (hitId: string) => withDb(async (db) => (await db.query(
  'SELECT workflow_started_at, escalate_after_ms FROM deconfliction_hits WHERE id = $1', [hitId])).rows[0] as
  { workflow_started_at: Date | null; escalate_after_ms: string | null } | undefined);

/**
 * A coordinator's promotion (issue 16) commits the hit first and starts its workflow afterwards, through the relay the
 * records of intake use: with Temporal away the promotion is still accepted, and the worker's relay starts the hit's
 * workflow (its escalation clock) once the server is back. No start happens inside the transaction, so a rollback
 * cannot leave a workflow behind for a hit that was never written.
 */
describe('faults: promoting a review item while Temporal is away', () => {
  let stack: FaultStack;
  beforeAll(async () => { stack = await FaultStack.start(); });
  afterAll(async () => { await stack?.stop(); });

  it('commits the hit, owes its start, and the relay starts its workflow after the restart', async () => {
    const item = await possibleMatchItem();
    const coordinator = await login('coordinator');

    await stack.stopTemporal();
    const promoted = await http('POST', `/deconfliction/reviews/${item.reviewId}/promote`, { token: coordinator, body: { note: 'same man' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ status: 'PROMOTED', hitId: expect.any(String) });
    const hitId = promoted.body.hitId as string;
    expect(await startOf(hitId)).toEqual({ workflow_started_at: null, escalate_after_ms: expect.any(String) });

    await stack.startTemporal();
    const started = await eventually(() => startOf(hitId), (row) => row?.workflow_started_at != null, 90_000);
    expect(started?.workflow_started_at).not.toBeNull();
    const described = await stack.temporalClient((client) => client.workflow.getHandle(`hit-${hitId}`).describe());
    expect(described.status.name).toBe('RUNNING');
    expect((await http('GET', `/cases/${item.queryCaseId}/hits`, { token: await login('atf.agent') })).body.items.map((h: any) => h.id)).toEqual([hitId]);
  });
});
