import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { HitWorkflowState, ReopenHitRequest, ResolveHitRequest } from '../hits';

/** The names are recorded in workflow histories and sent by the API: never rename one. */
export const resolveHitUpdate = defineUpdate<HitWorkflowState, [ResolveHitRequest]>('resolveHit');
export const hitStateQuery = defineQuery<HitWorkflowState>('hitState');
/** Behind patched('hit-reopen'): a resolved hit's workflow waits for this instead of completing. */
export const reopenHitUpdate = defineUpdate<HitWorkflowState, [ReopenHitRequest]>('reopenHit');
