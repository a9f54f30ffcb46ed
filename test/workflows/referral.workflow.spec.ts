import type { referralWorkflow } from '../../workflows/referral/referral.workflow';
import {
  acceptReferralUpdate, acknowledgeReferralUpdate, declineReferralUpdate, referralStateQuery, withdrawReferralUpdate,
} from '../../libs/contracts/messages/referral';
import { referralWorkflowId } from '../../libs/contracts/workflows';
import { traceWorkflowId } from '../../libs/contracts/workflows';
import { stubActivities } from './support/stub-activities';
import { ACTOR, expectFiredAfter, failureOf, freshId, sleep, until } from './support/expectations';
import { useWorkflowWorker } from './support/worker';

const CLOCK_MS = 1_000;
const STEP = { actor: ACTOR, note: 'seen' };

describe('referralWorkflow: acknowledgement clock and steps', () => {
  const workers = useWorkflowWorker();

  it('escalates a referral nobody acknowledged in time; it stays actionable and completes ACCEPTED', async () => {
    const { activities, recorder } = stubActivities();
    const referralId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const startedAt = Date.now();
      const handle = await client.workflow.start<typeof referralWorkflow>('referralWorkflow', {
        taskQueue, workflowId: referralWorkflowId(referralId), args: [{ referralId, ackDueAfterMs: CLOCK_MS }],
      });
      expect(await handle.query(referralStateQuery)).toEqual({ referralId, status: 'SENT' });
      await until(() => handle.query(referralStateQuery), (s) => s.status === 'ESCALATED');
      expectFiredAfter(recorder.named('escalateReferral')[0]?.at, startedAt, CLOCK_MS);

      expect(await handle.executeUpdate(acknowledgeReferralUpdate, { args: [STEP] })).toEqual({ referralId, status: 'ACKNOWLEDGED' });
      expect(await handle.executeUpdate(acceptReferralUpdate, { args: [{ actor: ACTOR }] })).toEqual({ referralId, status: 'ACCEPTED' });
      expect(await handle.result()).toEqual({ referralId, status: 'ACCEPTED' });
      expect(recorder.named('transitionReferral').map((c) => c.args)).toEqual([
        [referralId, 'ACKNOWLEDGE', ACTOR, 'seen'], [referralId, 'ACCEPT', ACTOR, undefined],
      ]);
    });
  });

  it('an acknowledged referral never escalates; declining it completes the workflow DECLINED', async () => {
    const { activities, recorder } = stubActivities();
    const referralId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof referralWorkflow>('referralWorkflow', {
        taskQueue, workflowId: referralWorkflowId(referralId), args: [{ referralId, ackDueAfterMs: CLOCK_MS }],
      });
      await handle.executeUpdate(acknowledgeReferralUpdate, { args: [STEP] });
      await sleep(CLOCK_MS + 500);
      expect(await handle.query(referralStateQuery)).toEqual({ referralId, status: 'ACKNOWLEDGED' });
      await handle.executeUpdate(declineReferralUpdate, { args: [STEP] });
      expect(await handle.result()).toEqual({ referralId, status: 'DECLINED' });
      expect(recorder.named('escalateReferral')).toHaveLength(0);
    });
  });

  it('refuses a step the state machine forbids with INVALID_REFERRAL_TRANSITION and the current state', async () => {
    const { activities, recorder } = stubActivities();
    const referralId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof referralWorkflow>('referralWorkflow', {
        taskQueue, workflowId: referralWorkflowId(referralId), args: [{ referralId, ackDueAfterMs: 60_000 }],
      });
      await handle.executeUpdate(acknowledgeReferralUpdate, { args: [STEP] });
      const refusal = await failureOf(handle.executeUpdate(acknowledgeReferralUpdate, { args: [STEP] }));
      expect(refusal.type).toBe('INVALID_REFERRAL_TRANSITION');
      expect(refusal.message).toBe('cannot acknowledge a referral that is ACKNOWLEDGED');
      expect(refusal.details).toEqual(['ACKNOWLEDGED']);
      // The validator refused it: the activity never ran a second time.
      expect(recorder.named('transitionReferral')).toHaveLength(1);
    });
  });

  it('refuses steps while the escalation is being written, so its answer cannot overwrite a newer state', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const { activities, recorder } = stubActivities({ escalateReferral: async () => { await gate; return { status: 'ESCALATED' }; } });
    const referralId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof referralWorkflow>('referralWorkflow', {
        taskQueue, workflowId: referralWorkflowId(referralId), args: [{ referralId, ackDueAfterMs: CLOCK_MS }],
      });
      await until(async () => recorder.named('escalateReferral').length, (n) => n === 1);
      const refusal = await failureOf(handle.executeUpdate(acknowledgeReferralUpdate, { args: [STEP] }));
      expect([refusal.type, refusal.details]).toEqual(['INVALID_REFERRAL_TRANSITION', ['SENT']]);
      release();
      await until(() => handle.query(referralStateQuery), (s) => s.status === 'ESCALATED');
      expect(await handle.executeUpdate(acknowledgeReferralUpdate, { args: [STEP] })).toEqual({ referralId, status: 'ACKNOWLEDGED' });
    });
  });

  it('accepting an R3 referral starts the trace workflows its activity returned, on their own clocks', async () => {
    const referralId = freshId();
    const traceId = freshId();
    const trace = { traceId, workflowId: traceWorkflowId(traceId), dueAt: new Date(Date.now() + 60_000).toISOString() };
    const { activities } = stubActivities({ transitionReferral: async () => ({ status: 'ACCEPTED', traces: [trace] }) });
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof referralWorkflow>('referralWorkflow', {
        taskQueue, workflowId: referralWorkflowId(referralId), args: [{ referralId, ackDueAfterMs: 60_000 }],
      });
      await handle.executeUpdate(acceptReferralUpdate, { args: [{ actor: ACTOR }] });
      expect(await handle.result()).toEqual({ referralId, status: 'ACCEPTED' });
      const child = await client.workflow.getHandle(trace.workflowId).describe();
      expect(child.type).toBe('traceWorkflow');
      expect(child.parentExecution?.workflowId).toBe(referralWorkflowId(referralId));
    });
  });

  it('the sender withdraws a referral before its clock fires: it completes WITHDRAWN, never escalated, and refuses any later step', async () => {
    const { activities, recorder } = stubActivities();
    const referralId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof referralWorkflow>('referralWorkflow', {
        taskQueue, workflowId: referralWorkflowId(referralId), args: [{ referralId, ackDueAfterMs: CLOCK_MS }],
      });
      expect(await handle.executeUpdate(withdrawReferralUpdate, { args: [{ actor: ACTOR, note: 'handled elsewhere' }] }))
        .toEqual({ referralId, status: 'WITHDRAWN' });
      expect(await handle.result()).toEqual({ referralId, status: 'WITHDRAWN' });
      await sleep(CLOCK_MS + 500);
      expect(recorder.named('escalateReferral')).toHaveLength(0);
      expect(recorder.named('transitionReferral').map((c) => c.args)).toEqual([[referralId, 'WITHDRAW', ACTOR, 'handled elsewhere']]);
    });
  });

  it('marks its referral started as its first step; a step sent while that is written is taken, not lost', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const { activities, recorder } = stubActivities({ markReferralWorkflowStarted: () => gate });
    const referralId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start<typeof referralWorkflow>('referralWorkflow', {
        taskQueue, workflowId: referralWorkflowId(referralId), args: [{ referralId, ackDueAfterMs: 60_000 }],
      });
      await until(async () => recorder.named('markReferralWorkflowStarted').length, (n) => n === 1);
      const acknowledged = handle.executeUpdate(acknowledgeReferralUpdate, { args: [STEP] });
      await sleep(200);
      release();
      expect(await acknowledged).toEqual({ referralId, status: 'ACKNOWLEDGED' });
      expect(await handle.executeUpdate(declineReferralUpdate, { args: [{ actor: ACTOR, note: 'not ours' }] })).toEqual({ referralId, status: 'DECLINED' });
      expect(await handle.result()).toEqual({ referralId, status: 'DECLINED' });
      expect(recorder.named('markReferralWorkflowStarted').map((c) => c.args)).toEqual([[referralId]]);
      expect(recorder.named('transitionReferral').map((c) => c.args[1])).toEqual(['ACKNOWLEDGE', 'DECLINE']);
    });
  });
});
