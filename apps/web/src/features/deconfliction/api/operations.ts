import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** A planned operation in the window, with whom to call and the open conflicts (hit ids) it is in. */
export interface PlannedOperation {
  id: string;
  agency: string;
  caseNumber: string;
  agentName: string;
  agentPhone: string | null;
  type: string;
  latitude: number;
  longitude: number;
  radiusMeters: number;
  startsAt: string;
  endsAt: string;
  hitIds: string[];
}

/** An unresolved event conflict between two of the operations. */
export interface OperationConflict { hitId: string; status: string; operationIds: string[] }

export interface OperationsMap { items: PlannedOperation[]; conflicts: OperationConflict[] }

export const getOperations = (from: string, to: string) =>
  apiRequest<OperationsMap>('/deconfliction/operations', { query: { from, to } });

export const operationsOptions = (from: string, to: string) => queryOptions({
  queryKey: ['deconfliction', 'operations', from, to] as const,
  queryFn: () => getOperations(from, to),
});

export const useOperations = (window: { from: string; to: string } | null) =>
  useQuery({ ...operationsOptions(window?.from ?? '', window?.to ?? ''), enabled: window !== null });
