import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/config';
import type { ActionItemWorkflowInput, MeetingWorkflowInput } from '../../../../libs/contracts/meetings';
import { ACTION_ITEM_WORKFLOW_TYPE, MEETING_WORKFLOW_TYPE } from '../../../../libs/contracts/temporal';
import type { ActionItemStart } from '../../../../libs/contracts/meetings';
import { reportEligible } from '../../../../libs/meetings/meeting-rules';
import type { MeetingRecord } from '../../../../libs/meetings/meeting.service';
import type { TemporalService } from '../infra/temporal.service';

/**
 * Starts a workflow from inside the transaction that creates its row: if Temporal cannot be reached the transaction
 * rolls back (503, nothing written); the workflow itself waits for the row to be committed before its first step.
 * Bounded, so a request never hangs on an unreachable server.
 */
async function start(temporal: TemporalService, config: AppConfig, type: string, workflowId: string, args: unknown[]): Promise<void> {
  try {
    await temporal.client.withDeadline(Date.now() + 3000, () => temporal.client.workflow.start(type, {
      taskQueue: config.taskQueue, workflowId, args,
    }));
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

export function startMeetingWorkflow(temporal: TemporalService, config: AppConfig, meeting: MeetingRecord): Promise<void> {
  const input: MeetingWorkflowInput = {
    meetingId: meeting.id, scheduledAt: meeting.scheduledAt.toISOString(), notificationRequired: meeting.notificationRequired,
    reportEligible: reportEligible(meeting.deliverables), reportDueAfterMs: config.meetings.reportDueAfterMs,
  };
  return start(temporal, config, MEETING_WORKFLOW_TYPE, meeting.workflowId, [input]);
}

export async function startActionItemWorkflows(temporal: TemporalService, config: AppConfig, items: ActionItemStart[]): Promise<void> {
  for (const item of items) {
    const input: ActionItemWorkflowInput = { actionItemId: item.actionItemId, dueAt: item.dueAt };
    await start(temporal, config, ACTION_ITEM_WORKFLOW_TYPE, item.workflowId, [input]);
  }
}
