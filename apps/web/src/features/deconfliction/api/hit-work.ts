import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';
import { deconflictionKeys, type DeskHit, type HitContact } from './hits';

export const CONTACT_MEANS = ['PHONE', 'EMAIL', 'IN_PERSON', 'RADIO', 'OTHER'] as const;
export type ContactMeans = (typeof CONTACT_MEANS)[number];
export const CLAIMED_FILTERS = ['me', 'none'] as const;

const hitPath = (id: string, step: string) => `/deconfliction/hits/${encodeURIComponent(id)}/${step}`;

export const claimHit = (id: string) => apiRequest<DeskHit>(hitPath(id, 'claim'), { method: 'POST' });
export const releaseHit = (id: string) => apiRequest<DeskHit>(hitPath(id, 'release'), { method: 'POST', body: {} });

/**
 * Claim or release. Whatever the answer, the queue and the hit are read again: after a 409 the screen shows who won
 * the claim instead of the holder it showed before.
 */
export function useClaimStep(step: 'claim' | 'release') {
  const queryClient = useQueryClient();
  return useMutation<DeskHit, ApiError, string>({
    mutationFn: (id) => (step === 'claim' ? claimHit(id) : releaseHit(id)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deconflictionKeys.all }),
  });
}

export interface ContactInput { id: string; reached: string; agency: string; means: ContactMeans | ''; agreed: string }

export const addContact = ({ id, means, ...entry }: ContactInput, idempotencyKey: string) =>
  apiRequest<HitContact>(hitPath(id, 'contacts'), { method: 'POST', body: { ...entry, means: means || undefined }, idempotencyKey });

export const useAddContact = (onSuccess?: (entry: HitContact) => void) =>
  useSubmission(addContact, { invalidates: [deconflictionKeys.all], onSuccess });
