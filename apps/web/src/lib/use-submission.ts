import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError, newIdempotencyKey } from './api-client';

/**
 * One form submission: the same Idempotency-Key is sent on every retry until the API accepts it, so a retry after a
 * lost answer never creates a second case or referral. A success starts a new key for the next submission.
 */
export function useSubmission<TInput, TResult>(
  submit: (input: TInput, idempotencyKey: string) => Promise<TResult>,
  options: { invalidates?: QueryKey[]; onSuccess?: (result: TResult) => void } = {},
) {
  const key = useRef(newIdempotencyKey());
  const queryClient = useQueryClient();
  const mutation = useMutation<TResult, ApiError, TInput>({
    mutationFn: (input) => submit(input, key.current),
    onSuccess: (result) => {
      key.current = newIdempotencyKey();
      for (const queryKey of options.invalidates ?? []) void queryClient.invalidateQueries({ queryKey });
      options.onSuccess?.(result);
    },
    onError: (error) => {
      // A validation refusal changed nothing: the corrected body is a new submission with a new key.
      if (error instanceof ApiError && error.kind === 'validation') key.current = newIdempotencyKey();
    },
  });
  return mutation;
}
