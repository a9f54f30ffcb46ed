export { caseWorkflow } from './case/case.workflow';
export { hitWorkflow } from './hit/hit.workflow';
export { referralWorkflow } from './referral/referral.workflow';
export { meetingWorkflow } from './meeting/meeting.workflow';
export { actionItemWorkflow } from './action-item/action-item.workflow';
export { seizureWorkflow } from './seizure/seizure.workflow';
export { traceWorkflow } from './trace/trace.workflow';
export { watchDeskAlertWorkflow } from './watch-desk/watch-desk-alert.workflow';
