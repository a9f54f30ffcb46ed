import type { traceWorkflow } from '../../workflows/trace/trace.workflow';
import { completeTraceUpdate, failTraceUpdate, startTraceUpdate, traceStateQuery } from '../../libs/contracts/messages/trace';
import { traceWorkflowId } from '../../libs/contracts/workflows';
import { stubActivities } from './support/stub-activities';
import { ACTOR, expectFiredAfter, failureOf, freshId, until } from './support/expectations';
import { useWorkflowWorker } from './support/worker';

const CLOCK_MS = 1_000;
const RESULT = { actor: ACTOR, firstRetailDealer: 'Dealer 1', sourceState: 'TX', firstRetailSaleDate: '2026-01-02' };
const dueIn = (ms: number): string => new Date(Date.now() + ms).toISOString();

describe('traceWorkflow: due-time clock and steps', () => {
  const workers = useWorkflowWorker();

  it('flags a trace OVERDUE when its due time passes without a result, and still takes the result', async () => {
    const { activities, recorder } = stubActivities();
    const traceId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const startedAt = Date.now();
      const handle = await client.workflow.start<typeof traceWorkflow>('traceWorkflow', {
        taskQueue, workflowId: traceWorkflowId(traceId), args: [{ traceId, dueAt: dueIn(CLOCK_MS) }],
      });
      expect(await handle.executeUpdate(startTraceUpdate, { args: [{ actor: ACTOR }] }))
        .toEqual({ traceId, status: 'IN_PROGRESS', overdue: false });
      await until(() => handle.query(traceStateQuery), (s) => s.overdue);
      expectFiredAfter(recorder.named('markTraceOverdue')[0]?.at, startedAt, CLOCK_MS);
      expect(recorder.named('markTraceOverdue').map((c) => c.args)).toEqual([[traceId]]);

      await handle.executeUpdate(completeTraceUpdate, { args: [RESULT] });
      expect(await handle.result()).toEqual({ traceId, status: 'COMPLETED', overdue: true });
      expect(recorder.named('transitionTrace').map((c) => c.args)).toEqual([
        [traceId, 'START', { actor: ACTOR }], [traceId, 'COMPLETE', RESULT],
      ]);
    });
  });

  it('a trace finished before its due time is never flagged', async () => {
    const { activities, recorder } = stubActivities();
    const traceId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof traceWorkflow>('traceWorkflow', {
        taskQueue, workflowId: traceWorkflowId(traceId), args: [{ traceId, dueAt: dueIn(60_000) }],
      });
      await handle.executeUpdate(startTraceUpdate, { args: [{ actor: ACTOR }] });
      await handle.executeUpdate(failTraceUpdate, { args: [{ actor: ACTOR, reason: 'no record' }] });
      expect(await handle.result()).toEqual({ traceId, status: 'UNSUCCESSFUL', overdue: false });
      expect(recorder.named('markTraceOverdue')).toHaveLength(0);
    });
  });

  it('a trace whose due time passed before its workflow started (a late relay) is flagged at once', async () => {
    const { activities, recorder } = stubActivities();
    const traceId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof traceWorkflow>('traceWorkflow', {
        taskQueue, workflowId: traceWorkflowId(traceId), args: [{ traceId, dueAt: dueIn(-60_000) }],
      });
      await until(() => handle.query(traceStateQuery), (s) => s.overdue, 5_000);
      expect(recorder.named('markTraceOverdue')).toHaveLength(1);
    });
  });

  it('refuses a result for a trace not in progress with INVALID_TRACE_TRANSITION and the current state', async () => {
    const { activities, recorder } = stubActivities();
    const traceId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof traceWorkflow>('traceWorkflow', {
        taskQueue, workflowId: traceWorkflowId(traceId), args: [{ traceId, dueAt: dueIn(60_000) }],
      });
      const refusal = await failureOf(handle.executeUpdate(completeTraceUpdate, { args: [RESULT] }));
      expect(refusal.type).toBe('INVALID_TRACE_TRANSITION');
      expect(refusal.message).toBe('cannot complete a trace that is SUBMITTED');
      expect(refusal.details).toEqual(['SUBMITTED']);
      expect(recorder.named('transitionTrace')).toHaveLength(0);
      expect(await handle.query(traceStateQuery)).toEqual({ traceId, status: 'SUBMITTED', overdue: false });
    });
  });
});
