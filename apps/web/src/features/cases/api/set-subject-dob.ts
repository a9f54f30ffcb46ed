import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';

export interface SubjectDobSet { caseId: string; subjectId: string; dateOfBirth: string; changed: boolean }

/**
 * PATCH /cases/:id/subjects/:subjectId (issue 16): the date of birth of a person already on the case. Setting the same
 * date again changes nothing, so it needs no Idempotency-Key. Matching runs again for the person: the case, its hits
 * and the ambiguity prompt refetch.
 */
export const useSetSubjectDob = (caseId: string, subjectId: string) => useSubmission(
  (dateOfBirth: string) => apiRequest<SubjectDobSet>(`/cases/${caseId}/subjects/${subjectId}`, { method: 'PATCH', body: { dateOfBirth } }),
  { invalidates: [['cases']] },
);
