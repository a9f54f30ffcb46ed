import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // A refusal (403, 404, a validation error) will not change on retry; a lost connection may.
      retry: (count, error) => count < 2 && error instanceof ApiError && ['network', 'unavailable'].includes(error.kind),
      refetchOnWindowFocus: false,
    },
  },
});
