import {
  cancelMeetingUpdate, meetingStateQuery, recordNoticeUpdate, recordOutcomeUpdate, requestReportUpdate, rescheduleMeetingUpdate,
} from '../../libs/contracts/messages/meeting';
import { MEETING_CHANGES_PATCH } from '../../workflows/meeting/meeting.workflow';
import { startMeeting } from './support/meetings';
import { stubActivities } from './support/stub-activities';
import { ACTOR, expectFiredAfter, failureOf, freshId, until } from './support/expectations';
import { useWorkflowWorker } from './support/worker';

const CLOCK_MS = 1_000;
const OUTCOME = { actor: ACTOR, heldAt: new Date().toISOString(), summary: 'met', actionItems: [] };
const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();
/** A history attribute as text, its payload bytes decoded (the patch marker names its patch in them). */
const bytesAsText = (value: unknown): string => JSON.stringify(value, (key, v: unknown) => {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (key === 'data' && typeof v === 'string') return Buffer.from(v, 'base64').toString('utf8');
  const buffer = v as { type?: string; data?: number[] } | null;
  return buffer?.type === 'Buffer' && Array.isArray(buffer.data) ? Buffer.from(buffer.data).toString('utf8') : v;
});

/** Issue 18: a cancellation stops both clocks and ends the run; a reschedule re-arms the notification clock. */

/**
 * The activities a test's steps ran, in order, once the start's own confirmation is set aside: an update sent right
 * after the start may be handled in the workflow's first activation, before the confirmation is scheduled, so where
 * the confirmation falls is a race; that it ran exactly once is not.
 */
function afterConfirmation(names: string[]): string[] {
  expect(names.filter((name) => name === 'confirmMeetingRecorded')).toHaveLength(1);
  return names.filter((name) => name !== 'confirmMeetingRecorded');
}
describe('meetingWorkflow: cancel and reschedule', () => {
  const workers = useWorkflowWorker();

  it('a cancelled meeting stops its notification and report clocks and ends; neither deadline fires', async () => {
    const { activities, recorder, model } = stubActivities();
    const meetingId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startMeeting(client, taskQueue, model, meetingId, {
        scheduledInMs: 2 * CLOCK_MS, notificationRequired: true, reportEligible: true, reportDueAfterMs: 2 * CLOCK_MS,
      });
      expect((await handle.executeUpdate(requestReportUpdate, { args: [{ actor: ACTOR }] })).report).toBe('REQUESTED');
      const cancelled = await handle.executeUpdate(cancelMeetingUpdate, { args: [{ actor: ACTOR, reason: 'counterpart unavailable' }] });
      expect(cancelled).toMatchObject({ cancelled: true, notification: 'PENDING', report: 'REQUESTED' });
      // The run has ended: no timer of it can fire any more.
      expect(await handle.result()).toMatchObject({ meetingId, cancelled: true, notification: 'PENDING', report: 'REQUESTED' });
      expect(afterConfirmation(recorder.names())).toEqual(['requestMeetingReport', 'cancelMeeting']);
      const events = (await handle.fetchHistory()).events ?? [];
      expect(events.filter((e) => e.timerStartedEventAttributes)).toHaveLength(2);
      expect(events.filter((e) => e.timerCanceledEventAttributes)).toHaveLength(2);
      expect(events.filter((e) => e.timerFiredEventAttributes)).toHaveLength(0);
      const markers = events.map((e) => e.markerRecordedEventAttributes).filter(Boolean);
      expect(markers.map((m) => m?.markerName)).toEqual(['core_patch']);
      expect(bytesAsText(markers[0]?.details)).toContain(MEETING_CHANGES_PATCH);
    });
  });

  it('a held meeting cannot be cancelled or rescheduled (HELD)', async () => {
    const { activities, recorder, model } = stubActivities();
    const meetingId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startMeeting(client, taskQueue, model, meetingId,
        { scheduledInMs: 60_000, notificationRequired: true, reportEligible: false });
      await handle.executeUpdate(recordOutcomeUpdate, { args: [OUTCOME] });
      const cancel = await failureOf(handle.executeUpdate(cancelMeetingUpdate, { args: [{ actor: ACTOR, reason: 'r' }] }));
      expect([cancel.type, cancel.details]).toEqual(['INVALID_MEETING_TRANSITION', ['HELD', 'meeting']]);
      const move = await failureOf(handle.executeUpdate(rescheduleMeetingUpdate, { args: [{ actor: ACTOR, scheduledAt: inMs(60_000), reason: 'r' }] }));
      expect([move.message, move.details]).toEqual(['cannot reschedule a meeting that was held', ['HELD', 'meeting']]);
      // Neither refusal ran an activity.
      expect(afterConfirmation(recorder.names())).toEqual(['recordMeetingOutcome']);
    });
  });

  it('a reschedule re-arms the notification clock for the new time; a MISSING notice is owed again', async () => {
    const { activities, recorder, model } = stubActivities();
    const meetingId = freshId();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startMeeting(client, taskQueue, model, meetingId,
        { scheduledInMs: 60_000, notificationRequired: true, reportEligible: false });
      const movedAt = Date.now();
      const newTime = inMs(CLOCK_MS);
      const moved = await handle.executeUpdate(rescheduleMeetingUpdate, { args: [{ actor: ACTOR, scheduledAt: newTime, reason: 'earlier' }] });
      expect(moved).toMatchObject({ scheduledAt: newTime, notification: 'PENDING' });
      // The clock fires at the new time, not the old one (60 s away).
      await until(() => handle.query(meetingStateQuery), (s) => s.notification === 'MISSING');
      expectFiredAfter(recorder.named('markMeetingNoticeMissing')[0]?.at, movedAt, CLOCK_MS - 1);

      const later = inMs(60_000);
      const again = await handle.executeUpdate(rescheduleMeetingUpdate, { args: [{ actor: ACTOR, scheduledAt: later, reason: 'postponed' }] });
      expect(again).toMatchObject({ scheduledAt: later, notification: 'PENDING' });
      expect((await handle.executeUpdate(recordNoticeUpdate, { args: [{ actor: ACTOR }] })).notification).toBe('ON_TIME');
      await handle.executeUpdate(recordOutcomeUpdate, { args: [OUTCOME] });
      expect(await handle.result()).toMatchObject({ notification: 'ON_TIME', outcomeRecorded: true, cancelled: false, scheduledAt: later });
      expect(afterConfirmation(recorder.names())).toEqual([
        'rescheduleMeeting', 'markMeetingNoticeMissing', 'rescheduleMeeting', 'recordMeetingNotice', 'recordMeetingOutcome',
      ]);
    });
  });
});
