import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client';

export interface Agency { code: string; name: string; country: 'US' | 'MX' | 'CA' }

/** The partner agencies (`GET /agencies`), for choosing whom to share with or refer to; they change rarely. */
export const agenciesQueryOptions = queryOptions({
  queryKey: ['agencies'],
  queryFn: ({ signal }) => apiRequest<{ items: Agency[] }>('/agencies', { signal }).then((page) => page.items),
  staleTime: 10 * 60_000,
});

export const useAgencies = () => useQuery(agenciesQueryOptions);
