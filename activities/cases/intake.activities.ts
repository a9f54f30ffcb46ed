import type { CaseActivities, CaseIntake, DeconflictionActivities, IntakeActivities, ReferralActivities } from '../../libs/contracts/activities';

type IntakeSteps = Pick<CaseActivities, 'markCaseStatus' | 'traceOwnCaseFirearms'>
  & Pick<DeconflictionActivities, 'deconflictCaseItems'> & Pick<ReferralActivities, 'evaluateReferrals'>;

/**
 * Intake's four steps in one local activity: each step is idempotent, so a retry of the whole runs them again safely,
 * and the workflow pays for one activity (one marker, one activation) instead of four (issue 20).
 */
export function createIntakeActivities(steps: IntakeSteps): IntakeActivities {
  return {
    async intakeCase(caseId: string): Promise<CaseIntake> {
      await steps.markCaseStatus(caseId, 'DECONFLICTION');
      const { hits } = await steps.deconflictCaseItems(caseId, null);
      const evaluated = await steps.evaluateReferrals(caseId);
      const ownTraces = await steps.traceOwnCaseFirearms(caseId);
      return {
        hits: hits.map(({ hitId, workflowId, escalateAfterMs }) => ({ hitId, workflowId, escalateAfterMs })),
        referrals: evaluated.referrals.map(({ referralId, workflowId, ackDueAfterMs }) => ({ referralId, workflowId, ackDueAfterMs })),
        traces: [...evaluated.traces, ...ownTraces].map(({ traceId, workflowId, dueAt }) => ({ traceId, workflowId, dueAt })),
      };
    },
  };
}
