import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActionItemWorkflowState, CloseActionItemRequest } from '../../libs/contracts/meetings';

export const closeActionItemUpdate = defineUpdate<ActionItemWorkflowState, [CloseActionItemRequest]>('closeActionItem');
export const actionItemStateQuery = defineQuery<ActionItemWorkflowState>('actionItemState');
