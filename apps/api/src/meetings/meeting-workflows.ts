import type { AppConfig } from '../../../../libs/config/config';
import type { ActionItemWorkflowInput, MeetingWorkflowInput } from '../../../../libs/contracts/meetings';
import { ACTION_ITEM_WORKFLOW_TYPE, MEETING_WORKFLOW_TYPE } from '../../../../libs/contracts/temporal';
import type { ActionItemStart } from '../../../../libs/contracts/meetings';
import { reportEligible } from '../../../../libs/meetings/meeting-rules';
import type { MeetingRecord } from '../../../../libs/meetings/meeting.service';
import type { TemporalService } from '../infra/temporal.service';

/**
 * Meetings start their workflow from inside the transaction that creates the row: if Temporal cannot be reached the
 * transaction rolls back (503, nothing written); the workflow waits for the row to be committed before its first step.
 */
function start(temporal: TemporalService, type: string, workflowId: string, args: unknown[]): Promise<void> {
  return temporal.startRecordWorkflow(type, workflowId, args);
}

export function startMeetingWorkflow(temporal: TemporalService, config: AppConfig, meeting: MeetingRecord): Promise<void> {
  const input: MeetingWorkflowInput = {
    meetingId: meeting.id, scheduledAt: meeting.scheduledAt.toISOString(), notificationRequired: meeting.notificationRequired,
    reportEligible: reportEligible(meeting.deliverables), reportDueAfterMs: config.meetings.reportDueAfterMs,
  };
  return start(temporal, MEETING_WORKFLOW_TYPE, meeting.workflowId, [input]);
}

export async function startActionItemWorkflows(temporal: TemporalService, items: ActionItemStart[]): Promise<void> {
  for (const item of items) {
    const input: ActionItemWorkflowInput = { actionItemId: item.actionItemId, dueAt: item.dueAt };
    await start(temporal, ACTION_ITEM_WORKFLOW_TYPE, item.workflowId, [input]);
  }
}
