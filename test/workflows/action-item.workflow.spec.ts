import { WorkflowUpdateStage } from '@temporalio/client';
import type { actionItemWorkflow } from '../../workflows/action-item/action-item.workflow';
import { actionItemStateQuery, closeActionItemUpdate } from '../../libs/contracts/messages/action-item';
import { actionItemWorkflowId } from '../../libs/contracts/workflows';
import { stubActivities } from './support/stub-activities';
import { ACTOR, expectFiredAfter, failureOf, freshId, until } from './support/expectations';
import { useWorkflowWorker } from './support/worker';

const CLOCK_MS = 1_000;
const CLOSE = { actor: ACTOR, note: 'done' };
const dueIn = (ms: number): string => new Date(Date.now() + ms).toISOString();

describe('actionItemWorkflow: due-date clock and closing', () => {
  const workers = useWorkflowWorker();

  it('turns an open item OVERDUE at its due date; closing it then completes the workflow CLOSED', async () => {
    const { activities, recorder } = stubActivities();
    const actionItemId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const startedAt = Date.now();
      const handle = await client.workflow.start<typeof actionItemWorkflow>('actionItemWorkflow', {
        taskQueue, workflowId: actionItemWorkflowId(actionItemId), args: [{ actionItemId, dueAt: dueIn(CLOCK_MS) }],
      });
      await until(() => handle.query(actionItemStateQuery), (s) => s.status === 'OVERDUE');
      expectFiredAfter(recorder.named('markActionItemOverdue')[0]?.at, startedAt, CLOCK_MS);

      expect(await handle.executeUpdate(closeActionItemUpdate, { args: [CLOSE] })).toEqual({ actionItemId, status: 'CLOSED' });
      expect(await handle.result()).toEqual({ actionItemId, status: 'CLOSED' });
      expect(recorder.names()).toEqual(['confirmMeetingRecorded', 'markActionItemOverdue', 'closeActionItem']);
      const [, actor, at, note] = recorder.named('closeActionItem')[0].args;
      expect([actor, note]).toEqual([ACTOR, 'done']);
      // The step's time is the workflow clock's, fixed in history so a retried activity writes the same row.
      expect(Date.parse(at as string)).toBeGreaterThanOrEqual(startedAt);
    });
  });

  it('an item closed before its due date never falls overdue', async () => {
    const { activities, recorder } = stubActivities();
    const actionItemId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof actionItemWorkflow>('actionItemWorkflow', {
        taskQueue, workflowId: actionItemWorkflowId(actionItemId), args: [{ actionItemId, dueAt: dueIn(60_000) }],
      });
      await handle.executeUpdate(closeActionItemUpdate, { args: [CLOSE] });
      expect(await handle.result()).toEqual({ actionItemId, status: 'CLOSED' });
      expect(recorder.named('markActionItemOverdue')).toHaveLength(0);
    });
  });

  it('a close queued behind another is refused when its turn comes (INVALID_ACTION_ITEM_TRANSITION, CLOSED)', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const { activities, recorder } = stubActivities({
      closeActionItem: async () => { await gate; return { status: 'CLOSED' }; },
    });
    const actionItemId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof actionItemWorkflow>('actionItemWorkflow', {
        taskQueue, workflowId: actionItemWorkflowId(actionItemId), args: [{ actionItemId, dueAt: dueIn(60_000) }],
      });
      const first = handle.executeUpdate(closeActionItemUpdate, { args: [CLOSE] });
      await until(async () => recorder.named('closeActionItem').length, (n) => n === 1);
      // Accepted by the validator (still OPEN), then refused by the same check once the first close is written.
      const accepted = await handle.startUpdate(closeActionItemUpdate, { args: [CLOSE], waitForStage: WorkflowUpdateStage.ACCEPTED });
      const second = failureOf(accepted.result());
      release();
      expect(await first).toEqual({ actionItemId, status: 'CLOSED' });
      const refusal = await second;
      expect(refusal.type).toBe('INVALID_ACTION_ITEM_TRANSITION');
      expect(refusal.details).toEqual(['CLOSED']);
      expect(await handle.result()).toEqual({ actionItemId, status: 'CLOSED' });
      expect(recorder.named('closeActionItem')).toHaveLength(1);
    });
  });

  it('ends at once, without a clock, when the row that started it was never committed', async () => {
    const { activities, recorder, model } = stubActivities();
    const actionItemId = freshId();
    model.meetings.uncommitted.add(actionItemId);
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof actionItemWorkflow>('actionItemWorkflow', {
        taskQueue, workflowId: actionItemWorkflowId(actionItemId), args: [{ actionItemId, dueAt: dueIn(500) }],
      });
      expect(await handle.result()).toEqual({ actionItemId, status: 'OPEN' });
      expect(recorder.names()).toEqual(['confirmMeetingRecorded']);
      expect(recorder.calls[0].args.slice(0, 2)).toEqual(['action-item', actionItemId]);
    });
  });

  it('a run carried over as OVERDUE skips the commit check and the clock, and waits for its close', async () => {
    const { activities, recorder } = stubActivities();
    const actionItemId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof actionItemWorkflow>('actionItemWorkflow', {
        taskQueue, workflowId: actionItemWorkflowId(actionItemId), args: [{ actionItemId, dueAt: dueIn(-1_000), status: 'OVERDUE' }],
      });
      expect(await handle.query(actionItemStateQuery)).toEqual({ actionItemId, status: 'OVERDUE' });
      await handle.executeUpdate(closeActionItemUpdate, { args: [CLOSE] });
      expect(await handle.result()).toEqual({ actionItemId, status: 'CLOSED' });
      expect(recorder.names()).toEqual(['closeActionItem']);
    });
  });
});
