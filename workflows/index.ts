export { caseWorkflow } from './case/case.workflow';
export { hitWorkflow } from './hit/hit.workflow';
