import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';

export const COUNTRIES = ['MX', 'CA'] as const;
export const LEVELS = ['EXECUTIVE', 'WORKING'] as const;
export const DELIVERABLES = [
  'TRANSNATIONAL_CRIME', 'SMUGGLING_AND_TRAFFICKING', 'COUNTER_TERRORISM', 'LAW_ENFORCEMENT_COOPERATION', 'HIGH_RISK_REMOVALS', 'REPATRIATION',
] as const;

export interface MeetingSummary {
  id: string; title: string; owningAgency: string; level: string; counterpartCountry: string; scheduledAt: string;
  notificationRequired: boolean; notificationDueAt: string | null; notification: string; report: string; reportDueAt: string | null;
  caseId: string | null; status: 'SCHEDULED' | 'HELD' | 'CANCELLED';
}
export interface Attendee { name: string; agency: string }
export interface ScheduleChange { from: string; to: string; reason: string; by: string; at: string }
export interface ActionItem {
  id: string; meetingId: string | null; source: string; conference: string | null; owner: string; description: string; dueAt: string;
  status: string; closedNote: string | null; closedBy: string | null; closedAt: string | null; owningAgency: string; createdAt: string;
}
export interface ReportHistoryEntry { status: string; action: string; actor: string; agency: string | null; at: string; dueAt?: string; note?: string }
export interface Meeting extends MeetingSummary {
  organizer: string; counterpartAgencies: string[]; location: string | null; deliverables: string[];
  noticeAt: string | null; noticeBy: string | null;
  outcome: { heldAt: string | null; summary: string | null; recordedBy: string | null; recordedAt: string | null } | null;
  actionItems: ActionItem[]; reportBody: string | null; reportHistory: ReportHistoryEntry[]; createdAt: string; updatedAt: string;
  attendees: Attendee[]; cancellation: { at: string; by: string; reason: string } | null; scheduleHistory: ScheduleChange[];
}
interface Page<T> { items: T[]; nextCursor: string | null }

export interface NewMeeting {
  title: string; counterpartCountry: string; counterpartAgencies: string[]; level: string; scheduledAt: string | undefined;
  location?: string; deliverables: string[]; caseId?: string; attendees: Attendee[];
}
export interface Reschedule { scheduledAt: string | undefined; reason: string }
export interface Outcome { heldAt: string | undefined; summary: string; actionItems: { description: string; owner: string; dueAt: string | undefined }[] }
export interface Review { decision: 'ACCEPT' | 'RETURN'; comment: string; dueAt?: string }

const MEETINGS = ['meetings'] as const;

export const meetingsQueryOptions = () => infiniteQueryOptions({
  queryKey: [...MEETINGS, 'list'],
  queryFn: ({ pageParam }) => apiRequest<Page<MeetingSummary>>('/meetings', { query: { limit: 25, cursor: pageParam } }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});
export const useMeetings = () => useInfiniteQuery(meetingsQueryOptions());

export const meetingQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...MEETINGS, 'detail', id], queryFn: () => apiRequest<Meeting>(`/meetings/${id}`) });
export const useMeeting = (id: string) => useQuery(meetingQueryOptions(id));

export interface ActionItemFilters { status?: string; owner?: string }
export const actionItemsQueryOptions = (filters: ActionItemFilters) => infiniteQueryOptions({
  queryKey: ['action-items', filters],
  queryFn: ({ pageParam }) => apiRequest<Page<ActionItem>>('/action-items', { query: { ...filters, limit: 50, cursor: pageParam } }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});
export const useActionItems = (filters: ActionItemFilters) => useInfiniteQuery(actionItemsQueryOptions(filters));

export function useCreateMeeting(onSuccess: (created: { id: string }) => void) {
  return useSubmission(
    (input: NewMeeting, idempotencyKey: string) => apiRequest<{ id: string }>('/meetings', { method: 'POST', body: input, idempotencyKey }),
    { invalidates: [[...MEETINGS]], onSuccess },
  );
}

/** One step on a meeting (notice, outcome, report request, report, review): answers the meeting as it now is. */
export function useMeetingStep<TInput>(id: string, path: string, body: (input: TInput) => unknown = () => ({})) {
  return useSubmission(
    (input: TInput, idempotencyKey: string) => apiRequest<Meeting>(`/meetings/${id}/${path}`, { method: 'POST', body: body(input), idempotencyKey }),
    { invalidates: [[...MEETINGS], ['action-items']] },
  );
}

/** The cases the caller's agency may read (own and shared), for naming the case a meeting concerns. */
export interface CaseOption { id: string; caseNumber: string; title: string }
export const caseOptionsQueryOptions = () => queryOptions({
  queryKey: ['cases', 'meeting-options'],
  queryFn: async () => (await apiRequest<Page<CaseOption>>('/cases', { query: { scope: 'all', limit: 100 } })).items,
});
export const useCaseOptions = (enabled: boolean) => useQuery({ ...caseOptionsQueryOptions(), enabled });

export function useCloseActionItem(id: string) {
  return useSubmission(
    (note: string, idempotencyKey: string) => apiRequest<ActionItem>(`/action-items/${id}/close`, { method: 'POST', body: { note }, idempotencyKey }),
    { invalidates: [['action-items'], [...MEETINGS]] },
  );
}
