import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';
import type { CaseCreated } from './types';

/** The body of POST /cases as the form builds it (api.md, Cases). */
export interface NewCaseBody {
  title: string; summary?: string; category: string;
  flags?: { portOfEntry?: string; cartelLink?: boolean; domesticSale?: boolean; exportSmuggling?: boolean };
  subjects?: Record<string, unknown>[]; identifiers?: Record<string, unknown>[];
  firearms?: Record<string, unknown>[]; operations?: Record<string, unknown>[];
}

export const createCase = (body: NewCaseBody, idempotencyKey: string) =>
  apiRequest<CaseCreated>('/cases', { method: 'POST', body, idempotencyKey });

export const useCreateCase = (onSuccess: (created: CaseCreated) => void) =>
  useSubmission(createCase, { invalidates: [['cases', 'list']], onSuccess });

export type ItemKind = 'subjects' | 'identifiers' | 'firearms' | 'operations';
export interface AppendInput { kind: ItemKind; items: Record<string, unknown>[] }

export const useAppendItems = (caseId: string, onSuccess?: () => void) => useSubmission(
  ({ kind, items }: AppendInput, idempotencyKey: string) =>
    apiRequest(`/cases/${caseId}/${kind}`, { method: 'POST', body: { [kind]: items }, idempotencyKey }),
  { invalidates: [['cases', 'detail', caseId]], onSuccess },
);

export const useCloseCase = (caseId: string, onSuccess?: () => void) => useSubmission(
  (body: { outcome: string; result?: string }, idempotencyKey: string) =>
    apiRequest(`/cases/${caseId}/close`, { method: 'POST', body, idempotencyKey }),
  { invalidates: [['cases']], onSuccess },
);

export const useShareCase = (caseId: string, onSuccess?: () => void) => useSubmission(
  (body: { agency: string; reason: string }, idempotencyKey: string) =>
    apiRequest(`/cases/${caseId}/shares`, { method: 'POST', body, idempotencyKey }),
  { invalidates: [['cases', 'detail', caseId]], onSuccess },
);

export const useRevokeShare = (caseId: string) => useSubmission(
  (agency: string) => apiRequest(`/cases/${caseId}/shares/${encodeURIComponent(agency)}`, { method: 'DELETE' }),
  { invalidates: [['cases', 'detail', caseId]] },
);

/** Other names appended to a subject of the case (issue 21): deconflicted like the subject's name. */
export interface SubjectFormsInput { subjectId: string; aliases?: string[]; monikers?: string[] }
export const useAddSubjectForms = (caseId: string, onSuccess?: () => void) => useSubmission(
  ({ subjectId, ...body }: SubjectFormsInput, idempotencyKey: string) =>
    apiRequest(`/cases/${caseId}/subjects/${subjectId}/aliases`, { method: 'POST', body, idempotencyKey }),
  { invalidates: [['cases', 'detail', caseId]], onSuccess },
);
