import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api-client';

export type Tier = 'CONFIRMED' | 'PROBABLE' | 'POSSIBLE';

/** Whom to call about one of the caller's values (api.md): no score, distance or value of the other side. */
export interface CheckMatch {
  matchType: string; tier?: Tier; matchedValue: string;
  counterpart: { agency: string; caseNumber: string | null; agentName: string | null; agentPhone: string | null };
}
/**
 * A name too common, or an obliterated serial's readable part found in too many serials, to answer one by one: how
 * many, where, and what would decide it (in the reader's language).
 */
export interface AmbiguousName {
  matchType: 'PERSON' | 'FIREARM_SERIAL'; tier?: 'POSSIBLE'; matchedValue: string; candidates: number; cases: number; agencies: string[];
  atLeast: boolean; reason: string;
}
export interface CheckAnswer { matches: CheckMatch[]; ambiguous?: AmbiguousName[] }
export interface CheckBody { subjects?: unknown[]; identifiers?: unknown[]; firearms?: unknown[]; operations?: unknown[] }

export const CHECK_DIRECTIONS = ['MADE', 'RECEIVED'] as const;
export type CheckDirection = (typeof CHECK_DIRECTIONS)[number];

/** A kept check: made by the caller's agency, or another agency's that met its items (then only those meetings). */
export interface CheckRecord {
  id: string; direction: CheckDirection; checkedAt: string;
  checker: { agency: string; agentName: string | null; agentPhone: string | null };
  counts?: Record<string, number>;
  matches: { matchType: string; owner: { agency: string; caseNumber: string | null; lookout: boolean; agentName: string | null; agentPhone: string | null } }[];
}
export interface CheckLogPage { items: CheckRecord[]; nextCursor: string | null }

const checkKeys = { log: (direction: CheckDirection) => ['checks', 'log', direction] as const, all: ['checks'] as const };

/**
 * A check is a read that is charged and recorded, not a creation: the API takes no Idempotency-Key for it, and trying
 * again is a new check (README, Web console). The new check appears in the log, hence the refresh.
 */
export const runCheck = (body: CheckBody) => apiRequest<CheckAnswer>('/deconfliction/checks', { method: 'POST', body });
export function useRunCheck(onSuccess: (answer: CheckAnswer) => void) {
  const queryClient = useQueryClient();
  return useMutation<CheckAnswer, ApiError, CheckBody>({
    mutationFn: runCheck,
    onSuccess: (answer) => { void queryClient.invalidateQueries({ queryKey: checkKeys.all }); onSuccess(answer); },
  });
}

export const checkLogOptions = (direction: CheckDirection) => infiniteQueryOptions({
  queryKey: checkKeys.log(direction),
  queryFn: ({ pageParam }) => apiRequest<CheckLogPage>('/deconfliction/checks', { query: { direction, limit: 25, cursor: pageParam } }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: CheckLogPage) => last.nextCursor ?? undefined,
});
export const useCheckLog = (direction: CheckDirection) => useInfiniteQuery(checkLogOptions(direction));
