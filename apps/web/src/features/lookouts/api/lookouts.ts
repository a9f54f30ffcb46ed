import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';

export const LOOKOUT_TYPES = [
  'PERSON', 'ORGANIZATION', 'PHONE', 'VEHICLE_PLATE', 'VIN', 'ADDRESS', 'EMAIL', 'FIREARM_SERIAL', 'FFL_LICENSE',
] as const;
export type LookoutType = (typeof LOOKOUT_TYPES)[number];

export interface Lookout {
  id: string; type: LookoutType; value: string; region: string | null; dateOfBirth: string | null; note: string;
  owner: string; status: 'ACTIVE' | 'EXPIRED' | 'CANCELLED'; createdAt: string;
}
export interface LookoutInput { type: LookoutType; value: string; dateOfBirth?: string; region?: string; note: string }

export const lookoutKeys = { all: ['lookouts'] as const };

export const lookoutsOptions = () => queryOptions({
  queryKey: lookoutKeys.all, queryFn: () => apiRequest<{ items: Lookout[]; nextCursor: string | null }>('/lookouts', { query: { limit: 100 } }),
});
export const useLookouts = () => useQuery(lookoutsOptions());

export const createLookout = (input: LookoutInput, idempotencyKey: string) =>
  apiRequest<Lookout>('/lookouts', { method: 'POST', body: input, idempotencyKey });
export const useCreateLookout = (onSuccess?: (created: Lookout) => void) =>
  useSubmission(createLookout, { invalidates: [lookoutKeys.all], onSuccess });
