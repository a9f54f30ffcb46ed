import type { hitWorkflow } from '../../workflows/hit/hit.workflow';
import { hitStateQuery, reopenHitUpdate, resolveHitUpdate } from '../../libs/contracts/messages/hit';
import { hitWorkflowId } from '../../libs/contracts/workflows';
import type { ReopenHitRequest, ResolveHitRequest } from '../../libs/contracts/hits';
import { stubActivities } from './support/stub-activities';
import { ACTOR, expectFiredAfter, failureOf, freshId, sleep, until } from './support/expectations';
import { useWorkflowWorker } from './support/worker';

const RESOLVE: ResolveHitRequest = { resolution: 'JOINT_INVESTIGATION', note: 'agreed to work it together', actor: ACTOR };
const REOPEN: ReopenHitRequest = { reason: 'the two agents found a second shared address', actor: ACTOR };
const CLOCK_MS = 1_000;
/** Since patched('hit-reopen') a resolved hit's workflow stays to receive a reopen: it is RESOLVED and still running. */
interface HitHandle { query: (q: typeof hitStateQuery) => Promise<{ status: string }>; describe: () => Promise<{ status: { name: string } }> }
const resolvedAndWaiting = async (handle: HitHandle) => {
  await until(() => handle.query(hitStateQuery), (s) => s.status === 'RESOLVED');
  expect((await handle.describe()).status.name).toBe('RUNNING');
};

describe('hitWorkflow: escalation clock and resolution', () => {
  const workers = useWorkflowWorker();

  it('escalates an open hit once its clock passes, then resolves it and waits RESOLVED', async () => {
    const { activities, recorder } = stubActivities();
    const hitId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const startedAt = Date.now();
      const handle = await client.workflow.start<typeof hitWorkflow>('hitWorkflow', {
        taskQueue, workflowId: hitWorkflowId(hitId), args: [{ hitId, escalateAfterMs: CLOCK_MS }],
      });
      expect(await handle.query(hitStateQuery)).toEqual({ hitId, status: 'OPEN' });
      await until(() => handle.query(hitStateQuery), (s) => s.status === 'ESCALATED');
      expectFiredAfter(recorder.named('escalateHit')[0]?.at, startedAt, CLOCK_MS);
      expect(recorder.named('escalateHit').map((c) => c.args)).toEqual([[hitId]]);

      expect(await handle.executeUpdate(resolveHitUpdate, { args: [RESOLVE] })).toEqual({ hitId, status: 'RESOLVED' });
      await resolvedAndWaiting(handle);
      expect(recorder.named('resolveHit').map((c) => c.args)).toEqual([[hitId, RESOLVE]]);
    });
  });

  it('a hit resolved before its clock never escalates', async () => {
    const { activities, recorder } = stubActivities();
    const hitId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof hitWorkflow>('hitWorkflow', {
        taskQueue, workflowId: hitWorkflowId(hitId), args: [{ hitId, escalateAfterMs: CLOCK_MS }],
      });
      await handle.executeUpdate(resolveHitUpdate, { args: [RESOLVE] });
      await resolvedAndWaiting(handle);
      await sleep(CLOCK_MS + 500);
      expect(recorder.names()).toEqual(['resolveHit']);
    });
  });

  it('refuses a second resolution while the first is being written (HIT_ALREADY_RESOLVED)', async () => {
    let release = (): void => undefined;
    const written = new Promise<void>((resolve) => { release = resolve; });
    const { activities, recorder } = stubActivities({ resolveHit: () => written });
    const hitId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof hitWorkflow>('hitWorkflow', {
        taskQueue, workflowId: hitWorkflowId(hitId), args: [{ hitId, escalateAfterMs: 60_000 }],
      });
      const first = handle.executeUpdate(resolveHitUpdate, { args: [RESOLVE] });
      await until(async () => recorder.named('resolveHit').length, (n) => n === 1);
      const refusal = await failureOf(handle.executeUpdate(resolveHitUpdate, { args: [RESOLVE] }));
      expect(refusal.type).toBe('HIT_ALREADY_RESOLVED');
      expect(refusal.message).toBe(`hit ${hitId} is already resolved`);
      release();
      expect(await first).toEqual({ hitId, status: 'RESOLVED' });
      expect(recorder.named('resolveHit')).toHaveLength(1);
    });
  });

  it('a run continued with ESCALATED arms no clock and waits for the resolution', async () => {
    const { activities, recorder } = stubActivities();
    const hitId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof hitWorkflow>('hitWorkflow', {
        taskQueue, workflowId: hitWorkflowId(hitId), args: [{ hitId, escalateAfterMs: 10, status: 'ESCALATED' }],
      });
      await sleep(500);
      expect(await handle.query(hitStateQuery)).toEqual({ hitId, status: 'ESCALATED' });
      await handle.executeUpdate(resolveHitUpdate, { args: [RESOLVE] });
      await resolvedAndWaiting(handle);
      expect(recorder.names()).toEqual(['resolveHit']);
    });
  });

  it('reopens a resolved hit, which escalates again on a fresh clock and can be resolved again', async () => {
    const { activities, recorder } = stubActivities();
    const hitId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof hitWorkflow>('hitWorkflow', {
        taskQueue, workflowId: hitWorkflowId(hitId), args: [{ hitId, escalateAfterMs: CLOCK_MS }],
      });
      await handle.executeUpdate(resolveHitUpdate, { args: [RESOLVE] });
      const reopenedAt = Date.now();
      expect(await handle.executeUpdate(reopenHitUpdate, { args: [REOPEN] })).toEqual({ hitId, status: 'OPEN' });
      await until(() => handle.query(hitStateQuery), (s) => s.status === 'ESCALATED');
      expectFiredAfter(recorder.named('escalateHit')[0]?.at, reopenedAt, CLOCK_MS);
      expect(recorder.names()).toEqual(['resolveHit', 'reopenHit', 'escalateHit']);
      expect(recorder.named('reopenHit').map((c) => c.args)).toEqual([[hitId, REOPEN]]);
      await handle.executeUpdate(resolveHitUpdate, { args: [RESOLVE] });
      await resolvedAndWaiting(handle);
    });
  });

  it('refuses to reopen a hit that is not resolved (HIT_NOT_RESOLVED)', async () => {
    const { activities, recorder } = stubActivities();
    const hitId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof hitWorkflow>('hitWorkflow', {
        taskQueue, workflowId: hitWorkflowId(hitId), args: [{ hitId, escalateAfterMs: 60_000 }],
      });
      const refusal = await failureOf(handle.executeUpdate(reopenHitUpdate, { args: [REOPEN] }));
      expect(refusal.type).toBe('HIT_NOT_RESOLVED');
      expect(recorder.names()).toEqual([]);
    });
  });
});
