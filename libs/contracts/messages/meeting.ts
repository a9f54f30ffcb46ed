import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  MeetingWorkflowState, NoticeRequest, OutcomeRequest, ReportRequestRequest, ReviewReportRequest, SubmitReportRequest,
} from '../meetings';

/** The names are recorded in workflow histories and sent by the API: never rename one. */
export const recordNoticeUpdate = defineUpdate<MeetingWorkflowState, [NoticeRequest]>('recordMeetingNotice');
export const recordOutcomeUpdate = defineUpdate<MeetingWorkflowState, [OutcomeRequest]>('recordMeetingOutcome');
export const requestReportUpdate = defineUpdate<MeetingWorkflowState, [ReportRequestRequest]>('requestMeetingReport');
export const submitReportUpdate = defineUpdate<MeetingWorkflowState, [SubmitReportRequest]>('submitMeetingReport');
export const reviewReportUpdate = defineUpdate<MeetingWorkflowState, [ReviewReportRequest]>('reviewMeetingReport');
export const meetingStateQuery = defineQuery<MeetingWorkflowState>('meetingState');
