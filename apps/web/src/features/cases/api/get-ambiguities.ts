import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { NotificationEvent } from '../../../lib/notification-stream';

const PAGE = 500;
/** A bound on the pages read: an agent's notifications are few, and a runaway loop must not hold the page. */
const MAX_PAGES = 10;

/** The `person.ambiguous` notice the API gives the lead agent (issue 16): which subject, under which name. */
export interface AmbiguousSubject { subjectId: string; matchedValue: string }

interface NotificationPage { items: NotificationEvent[]; lastId: string }

/**
 * The case's subjects whose name is shared by too many stored persons to match, read from the caller's own
 * notifications (only the lead agent gets them, so anyone else simply sees none).
 */
export async function getAmbiguousSubjects(caseId: string, createdAt: string | null, signal?: AbortSignal): Promise<AmbiguousSubject[]> {
  const found = new Map<string, AmbiguousSubject>();
  // No notice about a case predates it: reading from its creation spares a busy agent's whole history.
  let since: string | undefined = createdAt ?? undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = new URLSearchParams({ limit: String(PAGE), ...(since ? { since } : {}) });
    const { items, lastId } = await apiRequest<NotificationPage>(`/notifications?${query.toString()}`, { signal });
    for (const n of items) {
      const { caseId: about, subjectId, matchedValue } = n.payload ?? {};
      if (n.kind !== 'person.ambiguous' || about !== caseId || typeof subjectId !== 'string') continue;
      found.set(subjectId, { subjectId, matchedValue: typeof matchedValue === 'string' ? matchedValue : '' });
    }
    if (items.length < PAGE) break;
    since = lastId;
  }
  return [...found.values()];
}

/** Refetched on every notification (the tray invalidates all queries), so the prompt appears without a reload. */
export const ambiguousSubjectsQueryOptions = (caseId: string, createdAt: string | null) => queryOptions({
  queryKey: ['cases', 'detail', caseId, 'ambiguous-subjects'],
  queryFn: ({ signal }) => getAmbiguousSubjects(caseId, createdAt, signal),
});

export const useAmbiguousSubjects = (caseId: string, createdAt: string | null) => useQuery(ambiguousSubjectsQueryOptions(caseId, createdAt));
