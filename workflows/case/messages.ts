import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AppendRequest, AppendResult, CaseWorkflowState, CloseRequest, CloseResult,
} from '../../libs/contracts/case-items';

export const appendToCaseUpdate = defineUpdate<AppendResult, [AppendRequest]>('appendToCase');
export const closeCaseUpdate = defineUpdate<CloseResult, [CloseRequest]>('closeCase');
export const caseStateQuery = defineQuery<CaseWorkflowState>('caseState');
