import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';
import type { Trace, TraceList, TracePriority } from './types';

export const getTraces = (status: string, cursor: string | undefined, limit: number, signal?: AbortSignal) =>
  apiRequest<TraceList>('/traces', { query: { status: status || undefined, limit, cursor }, signal });
/** The newest traces (one page of 200), for a seizure's own traces beside it. */
export const recentTracesQueryOptions = () => queryOptions({ queryKey: ['traces', 'recent'], queryFn: ({ signal }) => getTraces('', undefined, 200, signal) });
export const useRecentTraces = () => useQuery(recentTracesQueryOptions());
/** The traces page: newest first, paged. */
export const tracesQueryOptions = (status = '') => infiniteQueryOptions({
  queryKey: ['traces', 'list', status],
  queryFn: ({ pageParam, signal }) => getTraces(status, pageParam, 50, signal),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});
export const useTraces = (status = '') => useInfiniteQuery(tracesQueryOptions(status));

export interface TraceRequestInput { serialNumber: string; priority: TracePriority }

export function useRequestTrace(seizureId: string, onSuccess?: (trace: Trace) => void) {
  return useSubmission((body: TraceRequestInput, key: string) => apiRequest<Trace>(`/seizures/${seizureId}/traces`, { method: 'POST', body, idempotencyKey: key }),
    { invalidates: [['traces']], onSuccess });
}

export function useStartTrace(id: string) {
  return useSubmission((_: void, key: string) => apiRequest<Trace>(`/traces/${id}/start`, { method: 'POST', idempotencyKey: key }), { invalidates: [['traces']] });
}

export interface TraceResultInput { status: 'COMPLETED' | 'UNSUCCESSFUL'; firstRetailDealer?: string; sourceState?: string; firstRetailSaleDate?: string; reason?: string }

export function useRecordTraceResult(id: string, onSuccess?: () => void) {
  return useSubmission((body: TraceResultInput, key: string) => apiRequest<Trace>(`/traces/${id}/result`, { method: 'POST', body, idempotencyKey: key }),
    { invalidates: [['traces']], onSuccess });
}

/** A trace of a firearm of the caller's case (POST /cases/:id/firearms/:firearmId/traces). */
export function useRequestCaseFirearmTrace(caseId: string, firearmId: string, onSuccess?: (trace: Trace) => void) {
  return useSubmission((priority: TracePriority, key: string) => apiRequest<Trace>(`/cases/${caseId}/firearms/${firearmId}/traces`, {
    method: 'POST', body: { priority }, idempotencyKey: key,
  }), { invalidates: [['traces']], onSuccess });
}
