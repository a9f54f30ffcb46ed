import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { NotificationEvent } from '../../../lib/notification-stream';

const PAGE = 500;
/** A bound on the pages read: an agent's notifications are few, and a runaway loop must not hold the page. */
const MAX_PAGES = 10;

/** The `person.ambiguous` notice the API gives the lead agent (issue 16): which subject, under which name. */
export interface AmbiguousSubject { subjectId: string; matchedValue: string }
/** The `serial.ambiguous` notice: which firearm's readable part met too many stored serials, as written. */
export interface AmbiguousFirearm { firearmId: string; matchedValue: string }
export interface Ambiguities { subjects: AmbiguousSubject[]; firearms: AmbiguousFirearm[] }

interface NotificationPage { items: NotificationEvent[]; lastId: string }

/**
 * The case's subjects whose name is shared by too many stored persons to match, and its firearms whose readable part
 * is found in too many stored serials, read from the caller's own notifications (only the lead agent gets them, so
 * anyone else simply sees none).
 */
export async function getAmbiguities(caseId: string, createdAt: string | null, signal?: AbortSignal): Promise<Ambiguities> {
  const found = new Map<string, AmbiguousSubject>();
  const firearms = new Map<string, AmbiguousFirearm>();
  // No notice about a case predates it: reading from its creation spares a busy agent's whole history.
  let since: string | undefined = createdAt ?? undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = new URLSearchParams({ limit: String(PAGE), ...(since ? { since } : {}) });
    const { items, lastId } = await apiRequest<NotificationPage>(`/notifications?${query.toString()}`, { signal });
    for (const n of items) {
      const { caseId: about, subjectId, firearmId, matchedValue } = n.payload ?? {};
      if (about !== caseId) continue;
      const value = typeof matchedValue === 'string' ? matchedValue : '';
      if (n.kind === 'person.ambiguous' && typeof subjectId === 'string') found.set(subjectId, { subjectId, matchedValue: value });
      if (n.kind === 'serial.ambiguous' && typeof firearmId === 'string') firearms.set(firearmId, { firearmId, matchedValue: value });
    }
    if (items.length < PAGE) break;
    since = lastId;
  }
  return { subjects: [...found.values()], firearms: [...firearms.values()] };
}

/** Refetched on every notification (the tray invalidates all queries), so the prompt appears without a reload. */
export const ambiguitiesQueryOptions = (caseId: string, createdAt: string | null) => queryOptions({
  queryKey: ['cases', 'detail', caseId, 'ambiguities'],
  queryFn: ({ signal }) => getAmbiguities(caseId, createdAt, signal),
});

export const useAmbiguities = (caseId: string, createdAt: string | null) => useQuery(ambiguitiesQueryOptions(caseId, createdAt));
