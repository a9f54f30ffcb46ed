import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';
import type { CaseDetail } from './types';

/** PATCH /cases/:id: only the fields sent change; a flag sent as null or false is cleared. */
export interface CaseChanges {
  title?: string; summary?: string | null; leadAgent?: string;
  flags?: { portOfEntry?: string | null; cartelLink?: boolean; domesticSale?: boolean; exportSmuggling?: boolean };
}

/**
 * A PATCH changes nothing twice (the same changes sent again are a no-op), so it needs no Idempotency-Key. The answer
 * is the case as it reads after the change; the list and the case page refetch.
 */
export const useUpdateCase = (caseId: string, onSuccess?: (updated: CaseDetail) => void) => useSubmission(
  (changes: CaseChanges) => apiRequest<CaseDetail>(`/cases/${caseId}`, { method: 'PATCH', body: changes }),
  { invalidates: [['cases']], onSuccess },
);
