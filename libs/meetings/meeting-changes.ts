import type { DataSource, EntityManager } from 'typeorm';
import type { MeetingActor } from '../contracts/meetings';
import type { MeetingAnnouncer } from './meeting-announce';
import { meetingStepRefusal, MeetingStep, notificationRequirement, reportEligible } from './meeting-rules';
import type { MeetingStepState } from './meeting-rules';
import { Attendee, MeetingRecord, MeetingRepository } from './meeting.repository';

/** A step the rules refuse; `current` is the state of the aspect it touched (409 with it). */
export class InvalidMeetingTransition extends Error {
  constructor(readonly aspect: string, readonly current: string, message: string) { super(message); }
}

/** What the rules need of a meeting as the read model has it. */
export const stepStateOf = (m: MeetingRecord): MeetingStepState => ({
  notification: m.notification, report: m.report, outcomeRecorded: m.outcomeAt !== null,
  reportEligible: reportEligible(m.deliverables), cancelled: m.cancellation !== null,
});

/** Throws the refusal of `step` on the meeting as it stands, if the rules refuse it. */
export function enforce(step: MeetingStep, m: MeetingRecord): void {
  const refusal = meetingStepRefusal(step, stepStateOf(m));
  if (refusal) throw new InvalidMeetingTransition(refusal.aspect, refusal.current, refusal.message);
}

/**
 * Changes to the meeting itself (issue 18): cancel and reschedule (taken by the meeting workflow's activities, with
 * the time `at` the workflow fixed, so a retried activity finds its own change) and attendees (straight from the API).
 */
export class MeetingChanges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingRepository,
    private readonly announce: MeetingAnnouncer,
    private readonly noticeLeadTimeMs: number,
  ) {}

  async cancel(id: string, actor: MeetingActor, at: Date, reason: string): Promise<MeetingRecord> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.meetings.load(tx, id, true);
      if (current.cancellation?.at.getTime() === at.getTime() && current.cancellation.by === actor.username) return current;
      enforce('cancel', current);
      await this.meetings.cancel(tx, id, { at, by: actor.username, reason });
      const updated = await this.meetings.load(tx, id, false);
      await this.announce(tx, updated, 'meeting.cancelled', actor, {
        reason, scheduledAt: current.scheduledAt.toISOString(), notification: current.notification, report: current.report,
      }, `meeting.cancelled:${id}`);
      return updated;
    });
  }

  /** M1 again for the new time: the notice falls due MEETING_NOTICE_LEAD_TIME before it (none for an exempt meeting). */
  async reschedule(id: string, actor: MeetingActor, at: Date, scheduledAt: Date, reason: string): Promise<MeetingRecord> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.meetings.load(tx, id, true);
      const last = current.scheduleHistory[current.scheduleHistory.length - 1];
      if (last?.at === at.toISOString() && last.by === actor.username) return current;
      enforce('reschedule', current);
      const { dueAt } = notificationRequirement({ ...current, scheduledAt }, this.noticeLeadTimeMs);
      const entry = { from: current.scheduledAt.toISOString(), to: scheduledAt.toISOString(), reason, by: actor.username, at: at.toISOString() };
      await this.meetings.reschedule(tx, id, { scheduledAt, notificationDueAt: dueAt, entry }, at);
      const updated = await this.meetings.load(tx, id, false);
      await this.announce(tx, updated, 'meeting.rescheduled', actor, {
        from: entry.from, to: entry.to, reason, notificationDueAt: dueAt?.toISOString() ?? null,
        notification: { from: current.notification, to: updated.notification },
      }, `meeting.rescheduled:${id}:${updated.scheduleHistory.length}`);
      return updated;
    });
  }

  /** Inside the caller's transaction (the API's, with its Idempotency-Key); refused on a cancelled meeting (409). */
  async addAttendees(tx: EntityManager, id: string, actor: MeetingActor, attendees: Attendee[], at: Date): Promise<MeetingRecord> {
    const current = await this.meetings.load(tx, id, true);
    if (current.cancellation) throw new InvalidMeetingTransition('meeting', 'CANCELLED', 'the meeting is cancelled');
    await this.meetings.addAttendees(tx, id, attendees, at);
    const updated = await this.meetings.load(tx, id, false);
    await this.announce(tx, updated, 'meeting.attendees_added', actor, { attendees }, `meeting.attendees_added:${id}:${at.toISOString()}`);
    return updated;
  }
}
