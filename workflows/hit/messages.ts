import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { HitWorkflowState, ResolveHitRequest } from '../../libs/contracts/hits';

export const resolveHitUpdate = defineUpdate<HitWorkflowState, [ResolveHitRequest]>('resolveHit');
export const hitStateQuery = defineQuery<HitWorkflowState>('hitState');
