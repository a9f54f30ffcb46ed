import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';
import type { Referral, ReferralRequest } from './types';

/** The case page (its referrals) and the inbox show what a referral or withdrawal changed. */
const affected = (caseId: string) => [['cases', 'detail', caseId], ['referrals']];

export const openReferral = (caseId: string, request: ReferralRequest, key: string) =>
  apiRequest<Referral>(`/cases/${caseId}/referrals`, { method: 'POST', body: request, idempotencyKey: key });
/** The reason goes as typed, even empty: the API's field error then says it is required, in the user's language. */
export const withdrawReferral = (id: string, reason: string, key: string) =>
  apiRequest<Referral>(`/referrals/${id}/withdraw`, { method: 'POST', body: { reason: reason.trim() }, idempotencyKey: key });

export function useOpenReferral(caseId: string, onSuccess: () => void) {
  return useSubmission((request: ReferralRequest, key: string) => openReferral(caseId, request, key), { invalidates: affected(caseId), onSuccess });
}

export function useWithdrawReferral(caseId: string, id: string, onSuccess: () => void) {
  return useSubmission((reason: string, key: string) => withdrawReferral(id, reason, key), { invalidates: affected(caseId), onSuccess });
}
