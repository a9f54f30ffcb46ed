import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createSeizureActivities } from '../../activities/seizures/seizure.activities';
import type { TraceStepRequest, TraceWorkflowInput, TraceWorkflowState } from '../../libs/contracts/seizures';
import { TraceFailure } from '../../libs/contracts/failures';
import { FINAL_TRACE_STATUSES, nextTraceStatus, TraceAction, TraceStatus } from '../../libs/seizures/trace-rules';
import { completeTraceUpdate, failTraceUpdate, startTraceUpdate, traceStateQuery } from './messages';

const activities = proxyActivities<ReturnType<typeof createSeizureActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * One trace request: SUBMITTED -> IN_PROGRESS -> COMPLETED | UNSUCCESSFUL, flagged OVERDUE by a durable timer when
 * its due time (urgent: hours, routine: days) passes without a result. A step the state machine refuses (a result for
 * a trace not in progress) is rejected by the update's validator with the current state.
 */
export async function traceWorkflow(input: TraceWorkflowInput): Promise<TraceWorkflowState> {
  const { traceId } = input;
  let status: TraceStatus = 'SUBMITTED';
  let overdue = false;
  let busy = false;
  const state = (): TraceWorkflowState => ({ traceId, status, overdue });
  const step = (update: UpdateDefinition<TraceWorkflowState, [TraceStepRequest]>, action: TraceAction) => setHandler(
    update,
    async (request: TraceStepRequest) => {
      busy = true;
      try {
        status = (await activities.transitionTrace(traceId, action, request)).status;
      } finally {
        busy = false;
      }
      return state();
    },
    {
      validator: (_request: TraceStepRequest) => {
        if (busy || nextTraceStatus(status, action) === null) {
          throw ApplicationFailure.create({
            message: `cannot ${action.toLowerCase()} a trace that is ${status}`, type: TraceFailure.InvalidTransition,
            nonRetryable: true, details: [status],
          });
        }
      },
    },
  );
  setHandler(traceStateQuery, state);
  step(startTraceUpdate, 'START');
  step(completeTraceUpdate, 'COMPLETE');
  step(failTraceUpdate, 'FAIL');

  const finished = () => FINAL_TRACE_STATUSES.includes(status) && !busy;
  // Date.now() inside a workflow is Temporal's deterministic workflow clock, so replay computes the same wait.
  const inTime = await condition(finished, Math.max(0, Date.parse(input.dueAt) - Date.now()));
  if (!inTime) {
    await activities.markTraceOverdue(traceId);
    overdue = true;
    await condition(finished);
  }
  return state();
}
