import type { AppConfig } from '../../../../libs/config/config';
import type { ActionItemStart } from '../../../../libs/contracts/meetings';
import { workflowStart } from '../../../../libs/contracts/workflows';
import { reportEligible } from '../../../../libs/meetings/meeting-rules';
import type { MeetingRecord } from '../../../../libs/meetings/meeting.service';
import type { TemporalService } from '../infra/temporal.service';

/**
 * Meetings start their workflow from inside the transaction that creates the row: if Temporal cannot be reached the
 * transaction rolls back (503, nothing written); the workflow waits for the row to be committed before its first step.
 * Not the relay that cases, seizures and traces use (libs/db/pending-workflow-starts.ts says why): the input carries
 * MEETING_REPORT_DUE_AFTER as configured at creation, and the answer to a create while Temporal is away is a 503.
 */
export function startMeetingWorkflow(temporal: TemporalService, config: AppConfig, meeting: MeetingRecord): Promise<void> {
  return temporal.startWorkflow(workflowStart('meetingWorkflow', {
    meetingId: meeting.id, scheduledAt: meeting.scheduledAt.toISOString(), notificationRequired: meeting.notificationRequired,
    reportEligible: reportEligible(meeting.deliverables), reportDueAfterMs: config.meetings.reportDueAfterMs,
  }));
}

export async function startActionItemWorkflows(temporal: TemporalService, items: ActionItemStart[]): Promise<void> {
  for (const item of items) {
    await temporal.startWorkflow(workflowStart('actionItemWorkflow', { actionItemId: item.actionItemId, dueAt: item.dueAt }));
  }
}
