import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActionItemWorkflowState, CloseActionItemRequest } from '../meetings';

/** The names are recorded in workflow histories and sent by the API: never rename one. */
export const closeActionItemUpdate = defineUpdate<ActionItemWorkflowState, [CloseActionItemRequest]>('closeActionItem');
export const actionItemStateQuery = defineQuery<ActionItemWorkflowState>('actionItemState');
