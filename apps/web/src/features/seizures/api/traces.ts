import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';
import type { Trace, TraceList, TracePriority } from './types';

export const getTraces = (status: string, signal?: AbortSignal) => apiRequest<TraceList>('/traces', { query: { status: status || undefined, limit: 200 }, signal });
export const tracesQueryOptions = (status = '') => queryOptions({ queryKey: ['traces', 'list', status], queryFn: ({ signal }) => getTraces(status, signal) });
export const useTraces = (status = '') => useQuery(tracesQueryOptions(status));

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
