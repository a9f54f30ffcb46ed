import type { Client } from '@temporalio/client';
import type { meetingWorkflow } from '../../../workflows/meeting/meeting.workflow';
import type { MeetingWorkflowInput } from '../../../libs/contracts/meetings';
import { meetingWorkflowId } from '../../../libs/contracts/workflows';
import type { FakeReadModel } from './stub-activities';

/**
 * Seeds the meeting row the API would have committed and starts its workflow, as MeetingService does on creation.
 * `scheduledInMs` is the notification clock, `reportDueAfterMs` the report clock (MEETING_REPORT_DUE_AFTER).
 */
export async function startMeeting(
  client: Client, taskQueue: string, model: FakeReadModel, meetingId: string,
  options: {
    scheduledInMs: number; notificationRequired: boolean; reportEligible: boolean; reportDueAfterMs?: number;
    state?: MeetingWorkflowInput['state'];
  },
) {
  const scheduledAt = new Date(Date.now() + options.scheduledInMs).toISOString();
  const state = options.state ?? {
    notification: options.notificationRequired ? 'PENDING' : 'EXEMPT', report: 'NOT_REQUESTED', reportDueAt: null, outcomeRecorded: false,
  };
  model.meetings.meetings.set(meetingId, { scheduledAt, ...state });
  const input: MeetingWorkflowInput = {
    meetingId, scheduledAt, notificationRequired: options.notificationRequired, reportEligible: options.reportEligible,
    reportDueAfterMs: options.reportDueAfterMs ?? 60_000, ...(options.state ? { state: options.state } : {}),
  };
  return client.workflow.start<typeof meetingWorkflow>('meetingWorkflow', {
    taskQueue, workflowId: meetingWorkflowId(meetingId), args: [input],
  });
}
