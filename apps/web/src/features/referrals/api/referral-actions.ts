import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';
import type { Referral } from './types';

const INBOX = [['referrals']];

export const acknowledgeReferral = (id: string, key: string) =>
  apiRequest<Referral>(`/referrals/${id}/acknowledge`, { method: 'POST', idempotencyKey: key });
export const acceptReferral = (id: string, note: string, key: string) =>
  apiRequest<Referral>(`/referrals/${id}/accept`, { method: 'POST', body: note.trim() ? { note: note.trim() } : {}, idempotencyKey: key });
/** The reason goes as typed, even empty: the API's own field error then says it is required, in the user's language. */
export const declineReferral = (id: string, reason: string, key: string) =>
  apiRequest<Referral>(`/referrals/${id}/decline`, { method: 'POST', body: { reason: reason.trim() }, idempotencyKey: key });

export function useAcknowledgeReferral(id: string) {
  return useSubmission((_: void, key: string) => acknowledgeReferral(id, key), { invalidates: INBOX });
}

export function useAcceptReferral(id: string, onSuccess: () => void) {
  return useSubmission((note: string, key: string) => acceptReferral(id, note, key), { invalidates: INBOX, onSuccess });
}

export function useDeclineReferral(id: string, onSuccess: () => void) {
  return useSubmission((reason: string, key: string) => declineReferral(id, reason, key), { invalidates: INBOX, onSuccess });
}
