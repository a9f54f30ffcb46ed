import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { CaseDetail, Hit } from './types';

export const getCase = (id: string, signal?: AbortSignal) => apiRequest<CaseDetail>(`/cases/${id}`, { signal });
export const getCaseHits = (id: string, signal?: AbortSignal) => apiRequest<{ items: Hit[] }>(`/cases/${id}/hits`, { signal });

export const caseQueryOptions = (id: string) => queryOptions({
  queryKey: ['cases', 'detail', id],
  queryFn: ({ signal }) => getCase(id, signal),
  // While the case workflow is still registering and deconflicting it, its status and referrals are about to change.
  refetchInterval: (query) => (['INTAKE', 'DECONFLICTION'].includes(query.state.data?.status ?? '') ? 2_000 : false),
});

/** Hits refetch on every notification (the tray invalidates all queries), so a new one appears without a reload. */
export const caseHitsQueryOptions = (id: string) => queryOptions({
  queryKey: ['cases', 'detail', id, 'hits'],
  queryFn: ({ signal }) => getCaseHits(id, signal),
});

export const useCase = (id: string) => useQuery(caseQueryOptions(id));
export const useCaseHits = (id: string) => useQuery(caseHitsQueryOptions(id));
