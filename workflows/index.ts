export { caseWorkflow } from './case/case.workflow';
export { hitWorkflow } from './hit/hit.workflow';
export { referralWorkflow } from './referral/referral.workflow';
