import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { TraceStepRequest, TraceWorkflowState } from '../../libs/contracts/seizures';

export const startTraceUpdate = defineUpdate<TraceWorkflowState, [TraceStepRequest]>('startTrace');
export const completeTraceUpdate = defineUpdate<TraceWorkflowState, [TraceStepRequest]>('completeTrace');
export const failTraceUpdate = defineUpdate<TraceWorkflowState, [TraceStepRequest]>('failTrace');
export const traceStateQuery = defineQuery<TraceWorkflowState>('traceState');
