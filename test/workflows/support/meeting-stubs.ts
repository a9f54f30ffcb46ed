import { ApplicationFailure } from '@temporalio/common';
import type { createMeetingActivities } from '../../../activities/meetings/meeting.activities';
import type { ActionItemStart, MeetingWorkflowState } from '../../../libs/contracts/meetings';
import { actionItemWorkflowId } from '../../../libs/contracts/workflows';
import type { ActionItemStatus, ReportAction } from '../../../libs/meetings/meeting-rules';
import { nextActionItemStatus, nextNotificationStatus, nextReportStatus } from '../../../libs/meetings/meeting-rules';

type MeetingState = Omit<MeetingWorkflowState, 'meetingId'>;
interface MeetingRow extends MeetingState { scheduledAt: string }

/** The meeting and action item rows the meeting activities read and write (libs/meetings keeps them in PostgreSQL). */
export class MeetingModel {
  readonly meetings = new Map<string, MeetingRow>();
  readonly actionItems = new Map<string, ActionItemStatus>();
  /** Rows whose creating transaction never committed: confirmMeetingRecorded answers false for them. */
  readonly uncommitted = new Set<string>();

  row(meetingId: string): MeetingRow {
    const row = this.meetings.get(meetingId);
    if (!row) throw ApplicationFailure.nonRetryable(`the spec did not seed meeting ${meetingId}`, 'SPEC_SETUP');
    return row;
  }
}

const stateOf = ({ notification, report, reportDueAt, outcomeRecorded, cancelled }: MeetingRow): MeetingState => ({
  notification, report, reportDueAt, outcomeRecorded, cancelled: cancelled ?? false,
});

const refuse = (message: string, current: string, aspect: string): never => {
  throw ApplicationFailure.create({ message, type: 'INVALID_MEETING_TRANSITION', nonRetryable: true, details: [current, aspect] });
};

/** The meeting activities over the model, with the rules libs/meetings applies (M1-M4). */
export function meetingStubs(model: MeetingModel): ReturnType<typeof createMeetingActivities> {
  const reportStep = (meetingId: string, action: ReportAction, dueAt: string | null): MeetingState => {
    const row = model.row(meetingId);
    const next = nextReportStatus(row.report, action)
      ?? refuse(`cannot ${action.toLowerCase()} a report that is ${row.report}`, row.report, 'report');
    row.report = next;
    // The service keeps the last due date unless a step sets a new one (COALESCE in MeetingService.reportStep).
    row.reportDueAt = dueAt ?? row.reportDueAt;
    return stateOf(row);
  };
  return {
    confirmMeetingRecorded: async (_kind, id) => !model.uncommitted.has(id),
    recordMeetingNotice: async (meetingId, _actor, at) => {
      const row = model.row(meetingId);
      const next = nextNotificationStatus(row.notification, 'NOTICE', { dueAt: new Date(row.scheduledAt), noticeAt: new Date(at) })
        ?? refuse(`cannot record a notice for a meeting whose notification is ${row.notification}`, row.notification, 'notification');
      row.notification = next;
      return stateOf(row);
    },
    markMeetingNoticeMissing: async (meetingId) => {
      const row = model.row(meetingId);
      row.notification = nextNotificationStatus(row.notification, 'MISS') ?? row.notification;
      return stateOf(row);
    },
    recordMeetingOutcome: async (meetingId, _actor, _at, outcome) => {
      const row = model.row(meetingId);
      if (row.outcomeRecorded) refuse('the outcome of this meeting is already recorded', 'RECORDED', 'outcome');
      row.outcomeRecorded = true;
      const actionItems: ActionItemStart[] = outcome.actionItems.map((item) => {
        model.actionItems.set(item.id, 'OPEN');
        return { actionItemId: item.id, workflowId: actionItemWorkflowId(item.id), dueAt: item.dueAt };
      });
      return { ...stateOf(row), actionItems };
    },
    requestMeetingReport: async (meetingId, _actor, _at, dueAt) => reportStep(meetingId, 'REQUEST', dueAt),
    submitMeetingReport: async (meetingId) => reportStep(meetingId, 'SUBMIT', null),
    reviewMeetingReport: async (meetingId, _actor, _at, decision, _comment, dueAt) => reportStep(meetingId, decision, dueAt),
    markMeetingReportOverdue: async (meetingId, dueAt) => {
      const row = model.row(meetingId);
      // Only a report still waiting on that due date falls OVERDUE (as MeetingService.markReportOverdue).
      if (row.reportDueAt === dueAt && nextReportStatus(row.report, 'EXPIRE')) row.report = 'OVERDUE';
      return stateOf(row);
    },
    cancelMeeting: async (meetingId) => {
      const row = model.row(meetingId);
      if (row.outcomeRecorded) refuse('cannot cancel a meeting that was held', 'HELD', 'meeting');
      row.cancelled = true;
      return stateOf(row);
    },
    rescheduleMeeting: async (meetingId, _actor, _at, scheduledAt) => {
      const row = model.row(meetingId);
      if (row.outcomeRecorded) refuse('cannot reschedule a meeting that was held', 'HELD', 'meeting');
      // As MeetingRepository.reschedule: a notice the old time left MISSING is owed again for the new one.
      row.scheduledAt = scheduledAt;
      if (row.notification === 'MISSING') row.notification = 'PENDING';
      return stateOf(row);
    },
    markActionItemOverdue: async (actionItemId) => {
      const current = model.actionItems.get(actionItemId) ?? 'OPEN';
      const next = nextActionItemStatus(current, 'EXPIRE') ?? current;
      model.actionItems.set(actionItemId, next);
      return { status: next };
    },
    closeActionItem: async (actionItemId) => {
      const current = model.actionItems.get(actionItemId) ?? 'OPEN';
      const next = nextActionItemStatus(current, 'CLOSE')
        ?? refuse(`cannot close an action item that is ${current}`, current, 'action item');
      model.actionItems.set(actionItemId, next);
      return { status: next };
    },
  };
}
