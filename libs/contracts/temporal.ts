/** Names shared by the API (which starts and messages workflows) and the worker (which runs them). */
export const caseWorkflowId = (caseId: string): string => `case-${caseId}`;
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';
export const hitWorkflowId = (hitId: string): string => `hit-${hitId}`;
export const referralWorkflowId = (referralId: string): string => `referral-${referralId}`;
export const meetingWorkflowId = (meetingId: string): string => `meeting-${meetingId}`;
export const MEETING_WORKFLOW_TYPE = 'meetingWorkflow';
export const actionItemWorkflowId = (actionItemId: string): string => `action-item-${actionItemId}`;
export const ACTION_ITEM_WORKFLOW_TYPE = 'actionItemWorkflow';

/** Failure types raised by workflows and activities that the API maps onto HTTP answers. */
export const FailureType = {
  CaseClosed: 'CASE_CLOSED',
  CloseBlocked: 'CLOSE_BLOCKED',
  CaseNotFound: 'CASE_NOT_FOUND',
  InvalidData: 'INVALID_DATA',
  HitAlreadyResolved: 'HIT_ALREADY_RESOLVED',
  InvalidReferralTransition: 'INVALID_REFERRAL_TRANSITION',
  InvalidTraceTransition: 'INVALID_TRACE_TRANSITION',
  InvalidMeetingTransition: 'INVALID_MEETING_TRANSITION',
  InvalidActionItemTransition: 'INVALID_ACTION_ITEM_TRANSITION',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];
