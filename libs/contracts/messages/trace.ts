import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { TraceStepRequest, TraceWorkflowState } from '../seizures';

/** The names are recorded in workflow histories and sent by the API: never rename one. */
export const startTraceUpdate = defineUpdate<TraceWorkflowState, [TraceStepRequest]>('startTrace');
export const completeTraceUpdate = defineUpdate<TraceWorkflowState, [TraceStepRequest]>('completeTrace');
export const failTraceUpdate = defineUpdate<TraceWorkflowState, [TraceStepRequest]>('failTrace');
export const traceStateQuery = defineQuery<TraceWorkflowState>('traceState');
