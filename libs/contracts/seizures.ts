import type { TraceStatus } from '../seizures/trace-rules';

export interface SeizureWorkflowInput { seizureId: string }
/** The due time is absolute, so a workflow started late (by the relay) still falls due when the request said. */
export interface TraceWorkflowInput { traceId: string; dueAt: string }
export interface TraceStepRequest {
  actor: { userId: string; username: string; agency: string };
  firstRetailDealer?: string; sourceState?: string; firstRetailSaleDate?: string; reason?: string;
}
export interface TraceWorkflowState { traceId: string; status: TraceStatus; overdue: boolean }
