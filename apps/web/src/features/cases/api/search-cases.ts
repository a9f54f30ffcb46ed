import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { CasePage } from './types';

/** The API refuses shorter or longer queries (400); the console does not send them. */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 200;

export function searchCases(q: string, cursor?: string, signal?: AbortSignal): Promise<CasePage> {
  return apiRequest<CasePage>('/cases/search', { query: { q, limit: 25, cursor }, signal });
}

export const caseSearchQueryOptions = (q: string) => infiniteQueryOptions({
  queryKey: ['cases', 'search', q],
  queryFn: ({ pageParam, signal }) => searchCases(q, pageParam, signal),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export const useCaseSearch = (q: string) => useInfiniteQuery(caseSearchQueryOptions(q));
