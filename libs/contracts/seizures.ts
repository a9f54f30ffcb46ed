import type { Actor } from './case-items';

export const TRACE_STATUSES = ['SUBMITTED', 'IN_PROGRESS', 'COMPLETED', 'UNSUCCESSFUL'] as const;
export type TraceStatus = (typeof TRACE_STATUSES)[number];
export type TraceAction = 'START' | 'COMPLETE' | 'FAIL';

/**
 * `pass`: a later deconfliction pass of the same seizure (firearms added by PATCH), counted by seizures.watch_pass;
 * each pass is its own run (its own workflow id), so a pass is never mistaken for the first run still in flight.
 */
export interface SeizureWorkflowInput { seizureId: string; pass?: number }
/** The due time is absolute, so a workflow started late (by the relay) still falls due when the request said. */
export interface TraceWorkflowInput { traceId: string; dueAt: string }
/** A trace requested for a case's firearms (rule R3), returned by the activity so a workflow starts its workflow. */
export interface TraceStart { traceId: string; workflowId: string; dueAt: string }
export interface TraceStepRequest {
  actor: Actor;
  firstRetailDealer?: string; sourceState?: string; firstRetailSaleDate?: string; reason?: string;
}
export interface TraceWorkflowState { traceId: string; status: TraceStatus; overdue: boolean }
