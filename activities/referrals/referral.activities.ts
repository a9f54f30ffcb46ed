import { ApplicationFailure, log } from '@temporalio/activity';
import type { ReferralActivities } from '../../libs/contracts/activities';
import type { ReferralStart, ReferralStepRequest } from '../../libs/contracts/referrals';
import type { TraceStart } from '../../libs/contracts/seizures';
import { ReferralFailure } from '../../libs/contracts/failures';
import type { ReferralAction, ReferralStatus } from '../../libs/referrals/referral-rules';
import { InvalidReferralTransition, ReferralService } from '../../libs/referrals/referral.service';
import type { TraceService } from '../../libs/seizures/trace.service';

export interface ReferralActivityDeps { referrals: ReferralService; traces: TraceService }

/** Thin adapters over libs/referrals; each is idempotent (see ReferralService). */
export function createReferralActivities({ referrals, traces }: ReferralActivityDeps): ReferralActivities {
  return {
    /** R1-R4; a case referred under R3 also gets a trace request for each of its firearms. */
    async evaluateReferrals(caseId: string): Promise<{ referrals: ReferralStart[]; traces: TraceStart[] }> {
      const started = await referrals.evaluateCase(caseId);
      // Firearms appended to a case whose R3 referral was already accepted get their traces here.
      const traceStarts = started.some((r) => r.rule === 'R3') ? await traces.ensureCaseFirearmTraces(caseId) : [];
      log.info('referral rules evaluated', { caseId, referrals: started.length, traces: traceStarts.length });
      return { referrals: started, traces: traceStarts };
    },

    async transitionReferral(
      referralId: string, action: ReferralAction, actor: ReferralStepRequest['actor'], note?: string,
    ): Promise<{ status: ReferralStatus; traces: TraceStart[] }> {
      try {
        const referral = await referrals.transition(referralId, action, actor, note);
        // Accepting R3 is when the firearms agency may see the case, so its firearms' trace requests start then.
        const traceStarts = action === 'ACCEPT' && referral.rule === 'R3' ? await traces.ensureCaseFirearmTraces(referral.caseId) : [];
        return { status: referral.status, traces: traceStarts };
      } catch (error) {
        if (error instanceof InvalidReferralTransition) {
          throw ApplicationFailure.create({
            message: error.message, type: ReferralFailure.InvalidTransition, nonRetryable: true, details: [error.current],
          });
        }
        throw error;
      }
    },

    /** The referral workflow's first step: the row tells the truth about its workflow only once it runs. */
    async markReferralWorkflowStarted(referralId: string): Promise<void> {
      await referrals.markWorkflowStarted(referralId);
    },

    /** Escalates only a referral still SENT; one acted on meanwhile keeps its state. */
    async escalateReferral(referralId: string): Promise<{ status: ReferralStatus }> {
      try {
        return { status: (await referrals.transition(referralId, 'ESCALATE', null)).status };
      } catch (error) {
        if (error instanceof InvalidReferralTransition) return { status: error.current };
        throw error;
      }
    },
  };
}
