import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AppendRequest, AppendResult, CaseWorkflowState, CloseRequest, CloseResult, EditRequest, EditResult, SubjectDobRequest,
  SubjectDobResult,
} from '../case-items';

/** The names are recorded in workflow histories and sent by the API: never rename one. */
export const appendToCaseUpdate = defineUpdate<AppendResult, [AppendRequest]>('appendToCase');
export const closeCaseUpdate = defineUpdate<CloseResult, [CloseRequest]>('closeCase');
export const editCaseUpdate = defineUpdate<EditResult, [EditRequest]>('editCase');
export const setSubjectDobUpdate = defineUpdate<SubjectDobResult, [SubjectDobRequest]>('setSubjectDateOfBirth');
export const caseStateQuery = defineQuery<CaseWorkflowState>('caseState');
