import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, condition, patched, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { ReferralActivities } from '../../libs/contracts/activities';
import type {
  ReferralStatus, ReferralStepRequest, ReferralWorkflowInput, ReferralWorkflowState,
} from '../../libs/contracts/referrals';
import { ReferralFailure } from '../../libs/contracts/failures';
import { FINAL_REFERRAL_STATUSES, nextReferralStatus, ReferralAction } from '../../libs/referrals/referral-rules';
import { startTraceWorkflows } from '../shared/children';
import {
  acceptReferralUpdate, acknowledgeReferralUpdate, declineReferralUpdate, referralStateQuery, withdrawReferralUpdate,
} from '../../libs/contracts/messages/referral';

const activities = proxyActivities<ReferralActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** A short write in the worker, without a round trip through the server per referral. */
const local = proxyLocalActivities<ReferralActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * The referral's row says its workflow has started only once this run does (whoever started it: the case workflow,
 * the API or the relay). Histories recorded before it replay without that first step.
 */
const MARKS_STARTED_PATCH = 'referral-marks-started';

/** Marks the histories in which the sender withdrew the referral (issue 18), for whatever later changes that path. */
const WITHDRAW_PATCH = 'referral-withdraw';

/**
 * One referral, raised by a rule or opened by a case agent: SENT -> ACKNOWLEDGED -> ACCEPTED | DECLINED, or WITHDRAWN
 * by the sender before that. If nobody acknowledges it within its due time, a durable timer escalates it (still
 * actionable). Steps run one at a time; a step the state machine refuses is rejected by the update's validator with
 * the current state.
 */
export async function referralWorkflow(input: ReferralWorkflowInput): Promise<ReferralWorkflowState> {
  const { referralId } = input;
  let status: ReferralStatus = input.status ?? 'SENT';
  let busy = false;
  const state = (): ReferralWorkflowState => ({ referralId, status });
  const refuse = (action: ReferralAction): void => {
    if (busy || nextReferralStatus(status, action) === null) {
      throw ApplicationFailure.create({
        message: `cannot ${action.toLowerCase()} a referral that is ${status}`, type: ReferralFailure.InvalidTransition,
        nonRetryable: true, details: [status],
      });
    }
  };
  const step = (update: UpdateDefinition<ReferralWorkflowState, [ReferralStepRequest]>, action: ReferralAction) => setHandler(
    update,
    async (request: ReferralStepRequest) => {
      busy = true;
      try {
        // No recorded history holds a withdrawal (the update is new), so the marker changes nothing they replay.
        if (action === 'WITHDRAW') patched(WITHDRAW_PATCH);
        const result = await activities.transitionReferral(referralId, action, request.actor, request.note);
        status = result.status;
        // Histories recorded before R3 traced the case's firearms on acceptance replay without these starts.
        if (result.traces?.length && patched('r3-traces-on-accept')) await startTraceWorkflows(result.traces);
      } finally {
        busy = false;
      }
      return state();
    },
    { validator: (_request: ReferralStepRequest) => refuse(action) },
  );

  setHandler(referralStateQuery, state);
  step(acknowledgeReferralUpdate, 'ACKNOWLEDGE');
  step(acceptReferralUpdate, 'ACCEPT');
  step(declineReferralUpdate, 'DECLINE');
  step(withdrawReferralUpdate, 'WITHDRAW');

  // Handlers first: a step sent while the row is being marked is taken, not lost.
  if (patched(MARKS_STARTED_PATCH)) await local.markReferralWorkflowStarted(referralId);

  if (status === 'SENT') {
    const acted = await condition(() => status !== 'SENT' || busy, input.ackDueAfterMs);
    if (!acted) {
      // Steps wait (409, retry) while the escalation is written, so its answer cannot overwrite a newer state.
      busy = true;
      try {
        status = (await activities.escalateReferral(referralId)).status;
      } finally {
        busy = false;
      }
    }
  }
  await condition(() => FINAL_REFERRAL_STATUSES.includes(status) && !busy);
  return state();
}
