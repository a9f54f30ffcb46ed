import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CancelMeetingRequest, MeetingWorkflowState, NoticeRequest, OutcomeRequest, ReportRequestRequest, RescheduleMeetingRequest,
  ReviewReportRequest, SubmitReportRequest,
} from '../meetings';

/** The names are recorded in workflow histories and sent by the API: never rename one. */
export const recordNoticeUpdate = defineUpdate<MeetingWorkflowState, [NoticeRequest]>('recordMeetingNotice');
export const recordOutcomeUpdate = defineUpdate<MeetingWorkflowState, [OutcomeRequest]>('recordMeetingOutcome');
export const requestReportUpdate = defineUpdate<MeetingWorkflowState, [ReportRequestRequest]>('requestMeetingReport');
export const submitReportUpdate = defineUpdate<MeetingWorkflowState, [SubmitReportRequest]>('submitMeetingReport');
export const reviewReportUpdate = defineUpdate<MeetingWorkflowState, [ReviewReportRequest]>('reviewMeetingReport');
export const cancelMeetingUpdate = defineUpdate<MeetingWorkflowState, [CancelMeetingRequest]>('cancelMeeting');
export const rescheduleMeetingUpdate = defineUpdate<MeetingWorkflowState, [RescheduleMeetingRequest]>('rescheduleMeeting');
export const meetingStateQuery = defineQuery<MeetingWorkflowState>('meetingState');
