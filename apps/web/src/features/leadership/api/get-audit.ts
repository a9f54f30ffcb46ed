import { infiniteQueryOptions, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface AuditEntry {
  seq: string; at: string; actor: string; agency: string | null; action: string; entityType: string;
  entityId: string | null; details: Record<string, unknown> | null; hash: string; prevHash: string | null;
}
export interface AuditPage { items: AuditEntry[]; nextCursor: string | null }
export interface AuditFilters { entityId?: string; actor?: string; from?: string; to?: string }
export interface AuditVerification {
  ok: boolean; entries: number;
  firstBadEntry?: { seq: string; at: string; action: string; reason: string };
  purgedThrough?: { seq: string; at: string; hash: string; purgedAt: string };
}

const PAGE_SIZE = 50;

export function getAudit(filters: AuditFilters, cursor?: string): Promise<AuditPage> {
  return apiRequest<AuditPage>('/audit', { query: { ...filters, cursor, limit: PAGE_SIZE } });
}

export const auditQueryOptions = (filters: AuditFilters) => infiniteQueryOptions({
  queryKey: ['leadership', 'audit', filters],
  queryFn: ({ pageParam }) => getAudit(filters, pageParam),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
  // Reading the trail appends an entry of its own: a refetch on every notification would only page it needlessly.
  refetchOnWindowFocus: false,
});

export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery(auditQueryOptions(filters));
}

export function verifyAudit(): Promise<AuditVerification> {
  return apiRequest<AuditVerification>('/audit/verify');
}

/** A read, but one the user asks for: run on the button, not on page load. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: verifyAudit });
}
