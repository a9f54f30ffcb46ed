import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ReferralPage, ReferralStatus } from './types';

export interface InboxFilter { status?: ReferralStatus | ''; caseNumber?: string }

/** One page of the agency's inbox, most urgent first (the API's `sort=urgency`: overdue, open, worked; oldest first within). */
export function getInbox(filter: InboxFilter, cursor: string | undefined, signal?: AbortSignal): Promise<ReferralPage> {
  return apiRequest<ReferralPage>('/referrals', {
    query: { sort: 'urgency', status: filter.status || undefined, caseNumber: filter.caseNumber?.trim() || undefined, limit: 25, cursor },
    signal,
  });
}

export const inboxQueryOptions = (filter: InboxFilter) => infiniteQueryOptions({
  queryKey: ['referrals', 'inbox', filter],
  queryFn: ({ pageParam, signal }) => getInbox(filter, pageParam, signal),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export function useInbox(filter: InboxFilter) {
  return useInfiniteQuery(inboxQueryOptions(filter));
}
