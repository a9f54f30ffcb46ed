/** Names shared by the API (which starts and messages workflows) and the worker (which runs them). */
export const caseWorkflowId = (caseId: string): string => `case-${caseId}`;
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';
export const hitWorkflowId = (hitId: string): string => `hit-${hitId}`;
export const referralWorkflowId = (referralId: string): string => `referral-${referralId}`;
export const meetingWorkflowId = (meetingId: string): string => `meeting-${meetingId}`;
export const MEETING_WORKFLOW_TYPE = 'meetingWorkflow';
export const actionItemWorkflowId = (actionItemId: string): string => `action-item-${actionItemId}`;
export const ACTION_ITEM_WORKFLOW_TYPE = 'actionItemWorkflow';
