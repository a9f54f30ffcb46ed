import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';
import type { Seizure, SeizureList } from './types';

/** One page of the seizures the agency recorded or was shared, newest first. */
export const getSeizures = (cursor: string | undefined, signal?: AbortSignal) => apiRequest<SeizureList>('/seizures', { query: { limit: 50, cursor }, signal });
export const seizuresQueryOptions = () => infiniteQueryOptions({
  queryKey: ['seizures', 'list'],
  queryFn: ({ pageParam, signal }) => getSeizures(pageParam, signal),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});
export const useSeizures = () => useInfiniteQuery(seizuresQueryOptions());

export const getSeizure = (id: string, signal?: AbortSignal) => apiRequest<Seizure>(`/seizures/${id}`, { signal });
export const seizureQueryOptions = (id: string) => queryOptions({ queryKey: ['seizures', 'one', id], queryFn: ({ signal }) => getSeizure(id, signal) });
export const useSeizure = (id: string) => useQuery(seizureQueryOptions(id));

/** The request body of POST /seizures and PATCH /seizures/:id (api.md "Seizures"). */
export type SeizureBody = Record<string, unknown>;

export function useCreateSeizure(onSuccess: (created: Seizure) => void) {
  return useSubmission((body: SeizureBody, key: string) => apiRequest<Seizure>('/seizures', { method: 'POST', body, idempotencyKey: key }),
    { invalidates: [['seizures']], onSuccess });
}

export function usePatchSeizure(id: string, onSuccess?: (updated: Seizure) => void) {
  return useSubmission((body: SeizureBody, key: string) => apiRequest<Seizure>(`/seizures/${id}`, { method: 'PATCH', body, idempotencyKey: key }),
    { invalidates: [['seizures']], onSuccess });
}

export function useShareSeizure(id: string) {
  return useSubmission((agencies: string[], key: string) => apiRequest<Seizure>(`/seizures/${id}/share`, { method: 'POST', body: { agencies }, idempotencyKey: key }),
    { invalidates: [['seizures']] });
}
