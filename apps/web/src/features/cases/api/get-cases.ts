import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { CasePage, CaseScope } from './types';

/** openHits / openReferrals: 'true' keeps the cases with some open, 'false' those with none. */
export interface CaseListFilter {
  scope: CaseScope; status?: string; category?: string; openHits?: OpenFilter; openReferrals?: OpenFilter;
}
export type OpenFilter = 'true' | 'false';

export function getCases(filter: CaseListFilter, cursor?: string, signal?: AbortSignal): Promise<CasePage> {
  return apiRequest<CasePage>('/cases', { query: { ...filter, limit: 25, cursor }, signal });
}

export const casesQueryOptions = (filter: CaseListFilter) => infiniteQueryOptions({
  queryKey: ['cases', 'list', filter],
  queryFn: ({ pageParam, signal }) => getCases(filter, pageParam, signal),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

/** `enabled` false while a search replaces the list, so the hidden list is not fetched. */
export const useCases = (filter: CaseListFilter, enabled = true) => useInfiniteQuery({ ...casesQueryOptions(filter), enabled });
