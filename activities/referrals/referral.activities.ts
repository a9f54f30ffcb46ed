import { ApplicationFailure, log } from '@temporalio/activity';
import type { ReferralStepRequest } from '../../libs/contracts/referrals';
import { FailureType } from '../../libs/contracts/temporal';
import type { ReferralAction, ReferralStatus } from '../../libs/referrals/referral-rules';
import { InvalidReferralTransition, ReferralService, ReferralStart } from '../../libs/referrals/referral.service';

export interface ReferralActivityDeps { referrals: ReferralService }

/** Thin adapters over libs/referrals; each is idempotent (see ReferralService). */
export function createReferralActivities({ referrals }: ReferralActivityDeps) {
  return {
    async evaluateReferrals(caseId: string): Promise<{ referrals: ReferralStart[] }> {
      const started = await referrals.evaluateCase(caseId);
      log.info('referral rules evaluated', { caseId, referrals: started.length });
      return { referrals: started };
    },

    async transitionReferral(
      referralId: string, action: ReferralAction, actor: ReferralStepRequest['actor'], note?: string,
    ): Promise<{ status: ReferralStatus }> {
      try {
        return { status: (await referrals.transition(referralId, action, actor, note)).status };
      } catch (error) {
        if (error instanceof InvalidReferralTransition) {
          throw ApplicationFailure.create({
            message: error.message, type: FailureType.InvalidReferralTransition, nonRetryable: true, details: [error.current],
          });
        }
        throw error;
      }
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
