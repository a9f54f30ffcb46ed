import { ApplicationFailure, log } from '@temporalio/activity';
import type { MeetingActivities } from '../../libs/contracts/activities';
import type {
  ActionItemInput, ActionItemStart, MeetingActor, MeetingWorkflowState,
} from '../../libs/contracts/meetings';
import { ActionItemFailure, MeetingFailure } from '../../libs/contracts/failures';
import { ActionItemService, InvalidActionItemTransition } from '../../libs/meetings/action-item.service';
import type { ActionItemStatus, ReviewDecision } from '../../libs/meetings/meeting-rules';
import { InvalidMeetingTransition, MeetingRecord, MeetingService } from '../../libs/meetings/meeting.service';

export interface MeetingActivityDeps { meetings: MeetingService; actionItems: ActionItemService }

type MeetingState = Omit<MeetingWorkflowState, 'meetingId'>;
const stateOf = (m: MeetingRecord): MeetingState => ({
  notification: m.notification, report: m.report, reportDueAt: m.reportDueAt?.toISOString() ?? null, outcomeRecorded: m.outcomeAt !== null,
  cancelled: m.cancellation !== null, scheduledAt: m.scheduledAt.toISOString(),
});

/** A refused step ends the update for good (409 with the state it found), never a retry. */
function refuse(error: unknown): never {
  if (error instanceof InvalidMeetingTransition) {
    throw ApplicationFailure.create({
      message: error.message, type: MeetingFailure.InvalidTransition, nonRetryable: true, details: [error.current, error.aspect],
    });
  }
  if (error instanceof InvalidActionItemTransition) {
    throw ApplicationFailure.create({
      message: error.message, type: ActionItemFailure.InvalidTransition, nonRetryable: true, details: [error.current],
    });
  }
  throw error;
}

/** A workflow may start a moment before the API's transaction that created its row commits. */
const NOT_COMMITTED_GRACE_MS = 60_000;

/**
 * Thin adapters over libs/meetings. Each is idempotent: the workflow fixes the time `at` of every step, so a retried
 * activity finds its own change (same time, same actor) and writes nothing twice; audit entries and notifications
 * carry dedup keys.
 */
export function createMeetingActivities({ meetings, actionItems }: MeetingActivityDeps): MeetingActivities {
  return {
    /**
     * True once the row exists. Retried while the creating transaction may still commit; false when it never did
     * (the workflow then ends without doing anything).
     */
    async confirmMeetingRecorded(kind: 'meeting' | 'action-item', id: string, workflowStartedAt: string): Promise<boolean> {
      const exists = () => (kind === 'meeting' ? meetings.exists(id) : actionItems.exists(id));
      // The usual case: the transaction commits a few milliseconds after the start. Wait for it here, not in a retry.
      for (let attempt = 0; attempt < 40; attempt += 1) {
        if (await exists()) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (Date.now() - Date.parse(workflowStartedAt) < NOT_COMMITTED_GRACE_MS) {
        throw ApplicationFailure.retryable(`${kind} ${id} is not committed yet`, 'NOT_COMMITTED_YET');
      }
      log.warn('workflow started for a row that was never committed', { kind, id });
      return false;
    },

    async recordMeetingNotice(meetingId: string, actor: MeetingActor, at: string): Promise<MeetingState> {
      try {
        return stateOf(await meetings.recordNotice(meetingId, actor, new Date(at)));
      } catch (error) {
        return refuse(error);
      }
    },

    async markMeetingNoticeMissing(meetingId: string, at: string): Promise<MeetingState> {
      const meeting = await meetings.markNoticeMissing(meetingId, new Date(at));
      log.info('meeting notification clock fired', { meetingId, notification: meeting.notification });
      return stateOf(meeting);
    },

    async recordMeetingOutcome(
      meetingId: string, actor: MeetingActor, at: string, outcome: { heldAt: string; summary: string; actionItems: ActionItemInput[] },
    ): Promise<MeetingState & { actionItems: ActionItemStart[] }> {
      try {
        const result = await meetings.recordOutcome(meetingId, actor, new Date(at), outcome);
        return { ...stateOf(result.meeting), actionItems: result.actionItems };
      } catch (error) {
        return refuse(error);
      }
    },

    async requestMeetingReport(meetingId: string, actor: MeetingActor, at: string, dueAt: string): Promise<MeetingState> {
      try {
        return stateOf(await meetings.reportStep(meetingId, 'REQUEST', actor, new Date(at), { dueAt: new Date(dueAt) }));
      } catch (error) {
        return refuse(error);
      }
    },

    async submitMeetingReport(meetingId: string, actor: MeetingActor, at: string, body: string): Promise<MeetingState> {
      try {
        return stateOf(await meetings.reportStep(meetingId, 'SUBMIT', actor, new Date(at), { body }));
      } catch (error) {
        return refuse(error);
      }
    },

    async reviewMeetingReport(
      meetingId: string, actor: MeetingActor, at: string, decision: ReviewDecision, comment: string, dueAt: string | null,
    ): Promise<MeetingState> {
      try {
        return stateOf(await meetings.reportStep(meetingId, decision, actor, new Date(at), {
          comment, ...(dueAt ? { dueAt: new Date(dueAt) } : {}),
        }));
      } catch (error) {
        return refuse(error);
      }
    },

    /** Only a report still waiting on that due date falls OVERDUE; one acted on meanwhile keeps its state. */
    async markMeetingReportOverdue(meetingId: string, dueAt: string, at: string): Promise<MeetingState> {
      const meeting = await meetings.markReportOverdue(meetingId, new Date(dueAt), new Date(at));
      log.info('meeting report clock fired', { meetingId, report: meeting.report });
      return stateOf(meeting);
    },

    async cancelMeeting(meetingId: string, actor: MeetingActor, at: string, reason: string): Promise<MeetingState> {
      try {
        return stateOf(await meetings.changes.cancel(meetingId, actor, new Date(at), reason));
      } catch (error) {
        return refuse(error);
      }
    },

    async rescheduleMeeting(meetingId: string, actor: MeetingActor, at: string, scheduledAt: string, reason: string): Promise<MeetingState> {
      try {
        return stateOf(await meetings.changes.reschedule(meetingId, actor, new Date(at), new Date(scheduledAt), reason));
      } catch (error) {
        return refuse(error);
      }
    },

    async markActionItemOverdue(actionItemId: string, at: string): Promise<{ status: ActionItemStatus }> {
      try {
        return { status: (await actionItems.transition(actionItemId, 'EXPIRE', null, new Date(at))).status };
      } catch (error) {
        if (error instanceof InvalidActionItemTransition) return { status: error.current };
        throw error;
      }
    },

    async closeActionItem(actionItemId: string, actor: MeetingActor, at: string, note: string): Promise<{ status: ActionItemStatus }> {
      try {
        return { status: (await actionItems.transition(actionItemId, 'CLOSE', actor, new Date(at), note)).status };
      } catch (error) {
        return refuse(error);
      }
    },
  };
}
