import {
  meetingStateQuery, recordNoticeUpdate, recordOutcomeUpdate, requestReportUpdate, reviewReportUpdate, submitReportUpdate,
} from '../../libs/contracts/messages/meeting';
import { actionItemWorkflowId, meetingWorkflowId } from '../../libs/contracts/workflows';
import { startMeeting } from './support/meetings';
import { stubActivities } from './support/stub-activities';
import { ACTOR, expectFiredAfter, failureOf, freshId, until } from './support/expectations';
import { useWorkflowWorker } from './support/worker';

const CLOCK_MS = 1_000;
const OUTCOME = { actor: ACTOR, heldAt: new Date().toISOString(), summary: 'met', actionItems: [] };

describe('meetingWorkflow: notification and report clocks, steps', () => {
  const workers = useWorkflowWorker();

  it('M1: a notice still owed at the meeting time turns MISSING; a later notice makes it LATE', async () => {
    const { activities, recorder, model } = stubActivities();
    const meetingId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const startedAt = Date.now();
      const handle = await startMeeting(client, taskQueue, model, meetingId,
        { scheduledInMs: CLOCK_MS, notificationRequired: true, reportEligible: false });
      expect((await handle.query(meetingStateQuery)).notification).toBe('PENDING');
      await until(() => handle.query(meetingStateQuery), (s) => s.notification === 'MISSING');
      expectFiredAfter(recorder.named('markMeetingNoticeMissing')[0]?.at, startedAt, CLOCK_MS);

      expect((await handle.executeUpdate(recordNoticeUpdate, { args: [{ actor: ACTOR }] })).notification).toBe('LATE');
      await handle.executeUpdate(recordOutcomeUpdate, { args: [OUTCOME] });
      expect(await handle.result()).toEqual({
        meetingId, notification: 'LATE', report: 'NOT_REQUESTED', reportDueAt: null, outcomeRecorded: true, cancelled: false,
        scheduledAt: expect.any(String),
      });
      expect(recorder.names())
        .toEqual(['confirmMeetingRecorded', 'markMeetingNoticeMissing', 'recordMeetingNotice', 'recordMeetingOutcome']);
    });
  });

  it('M1: a notice before the meeting time is ON_TIME and the clock never fires', async () => {
    const { activities, recorder, model } = stubActivities();
    const meetingId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startMeeting(client, taskQueue, model, meetingId,
        { scheduledInMs: 60_000, notificationRequired: true, reportEligible: false });
      expect((await handle.executeUpdate(recordNoticeUpdate, { args: [{ actor: ACTOR }] })).notification).toBe('ON_TIME');
      await handle.executeUpdate(recordOutcomeUpdate, { args: [OUTCOME] });
      expect((await handle.result()).notification).toBe('ON_TIME');
      expect(recorder.named('markMeetingNoticeMissing')).toHaveLength(0);
    });
  });

  it('M3: a requested report falls OVERDUE at its due date, a returned one is re-armed, an accepted one ends the meeting', async () => {
    const { activities, recorder, model } = stubActivities();
    const meetingId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startMeeting(client, taskQueue, model, meetingId, {
        scheduledInMs: 60_000, notificationRequired: false, reportEligible: true, reportDueAfterMs: CLOCK_MS,
      });
      const requestedAt = Date.now();
      const requested = await handle.executeUpdate(requestReportUpdate, { args: [{ actor: ACTOR }] });
      expect(requested.report).toBe('REQUESTED');
      // The due date is the workflow clock plus the configured duration, passed to the activity.
      const due = Date.parse(requested.reportDueAt as string);
      expect(due - requestedAt).toBeGreaterThanOrEqual(CLOCK_MS - 1_000);
      await until(() => handle.query(meetingStateQuery), (s) => s.report === 'OVERDUE');
      expect(recorder.named('markMeetingReportOverdue')[0].args.slice(0, 2)).toEqual([meetingId, requested.reportDueAt]);
      expect(recorder.named('markMeetingReportOverdue')[0].at).toBeGreaterThanOrEqual(due);

      await handle.executeUpdate(submitReportUpdate, { args: [{ actor: ACTOR, body: 'report' }] });
      const returnDue = new Date(Date.now() + CLOCK_MS).toISOString();
      const returnStep = { actor: ACTOR, decision: 'RETURN' as const, comment: 'more', dueAt: returnDue };
      const returned = await handle.executeUpdate(reviewReportUpdate, { args: [returnStep] });
      expect(returned).toMatchObject({ report: 'RETURNED', reportDueAt: returnDue });
      await until(() => handle.query(meetingStateQuery), (s) => s.report === 'OVERDUE');
      expect(recorder.named('markMeetingReportOverdue').map((c) => c.args[1])).toEqual([requested.reportDueAt, returnDue]);

      await handle.executeUpdate(submitReportUpdate, { args: [{ actor: ACTOR, body: 'report v2' }] });
      await handle.executeUpdate(reviewReportUpdate, { args: [{ actor: ACTOR, decision: 'ACCEPT', comment: 'thanks' }] });
      await handle.executeUpdate(recordOutcomeUpdate, { args: [OUTCOME] });
      expect(await handle.result()).toMatchObject({ meetingId, notification: 'EXEMPT', report: 'ACCEPTED', outcomeRecorded: true });
    });
  });

  it('refuses steps the rules forbid with INVALID_MEETING_TRANSITION, the current state and the aspect', async () => {
    const { activities, recorder, model } = stubActivities();
    const meetingId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startMeeting(client, taskQueue, model, meetingId,
        { scheduledInMs: 60_000, notificationRequired: false, reportEligible: false });
      const notice = await failureOf(handle.executeUpdate(recordNoticeUpdate, { args: [{ actor: ACTOR }] }));
      expect([notice.type, notice.details]).toEqual(['INVALID_MEETING_TRANSITION', ['EXEMPT', 'notification']]);
      const report = await failureOf(handle.executeUpdate(requestReportUpdate, { args: [{ actor: ACTOR }] }));
      expect([report.message, report.details])
        .toEqual(['the meeting touches no trilateral deliverable (M3)', ['NOT_REQUESTED', 'report', 'NO_DELIVERABLE']]);
      const submit = await failureOf(handle.executeUpdate(submitReportUpdate, { args: [{ actor: ACTOR, body: 'x' }] }));
      expect(submit.message).toBe('cannot submit a report that is NOT_REQUESTED');
      expect(recorder.names()).toEqual(['confirmMeetingRecorded']);
      expect(await handle.query(meetingStateQuery)).toEqual({
        meetingId, notification: 'EXEMPT', report: 'NOT_REQUESTED', reportDueAt: null, outcomeRecorded: false, cancelled: false,
        scheduledAt: expect.any(String),
      });
    });
  });

  it('an outcome starts one action item workflow per item, which outlives the meeting', async () => {
    const { activities, model } = stubActivities();
    const meetingId = freshId();
    const itemId = freshId();
    const item = { id: itemId, description: 'share the list', owner: 'ICE', dueAt: new Date(Date.now() + 60_000).toISOString() };
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startMeeting(client, taskQueue, model, meetingId,
        { scheduledInMs: 60_000, notificationRequired: false, reportEligible: false });
      await handle.executeUpdate(recordOutcomeUpdate, { args: [{ ...OUTCOME, actionItems: [item] }] });
      expect((await handle.result()).outcomeRecorded).toBe(true);
      const child = await client.workflow.getHandle(actionItemWorkflowId(itemId)).describe();
      expect([child.type, child.status.name, child.parentExecution?.workflowId])
        .toEqual(['actionItemWorkflow', 'RUNNING', meetingWorkflowId(meetingId)]);
    });
  });

  it('a run continued as new re-arms the report clock from the carried state, without the commit check', async () => {
    const { activities, recorder, model } = stubActivities();
    const meetingId = freshId();
    const reportDueAt = new Date(Date.now() + CLOCK_MS).toISOString();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startMeeting(client, taskQueue, model, meetingId, {
        scheduledInMs: -60_000, notificationRequired: true, reportEligible: true,
        state: { notification: 'ON_TIME', report: 'REQUESTED', reportDueAt, outcomeRecorded: true },
      });
      await until(() => handle.query(meetingStateQuery), (s) => s.report === 'OVERDUE');
      expect(recorder.names()).toEqual(['markMeetingReportOverdue']);
    });
  });

  it('ends at once when its meeting row was never committed', async () => {
    const { activities, recorder, model } = stubActivities();
    const meetingId = freshId();
    model.meetings.uncommitted.add(meetingId);
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startMeeting(client, taskQueue, model, meetingId,
        { scheduledInMs: 500, notificationRequired: true, reportEligible: true });
      expect((await handle.result()).notification).toBe('PENDING');
      expect(recorder.names()).toEqual(['confirmMeetingRecorded']);
    });
  });
});
