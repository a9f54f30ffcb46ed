import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';

export const HIT_STATUSES = ['OPEN', 'ESCALATED', 'RESOLVED'] as const;
export const MATCH_TYPES = [
  'EVENT', 'PERSON', 'ORGANIZATION', 'PHONE', 'VEHICLE_PLATE', 'VIN', 'ADDRESS', 'EMAIL', 'FIREARM_SERIAL', 'FFL_LICENSE',
] as const;
export const RESOLUTIONS = ['JOINT_INVESTIGATION', 'DEFER', 'PROCEED_INDEPENDENTLY', 'NO_CONFLICT'] as const;
export type HitStatus = (typeof HIT_STATUSES)[number];
export type Resolution = (typeof RESOLUTIONS)[number];

/** One side of a hit as the desk sees it: whom to call, and that side's own matched value. */
export interface HitSide {
  /** Null for a lookout or a seizure: what DEFER's deferring case names. */
  caseId: string | null;
  agency: string;
  caseNumber: string | null;
  agentName: string;
  agentPhone: string | null;
  lookout: boolean;
  seizure: boolean;
  matchedValue: string;
}

export interface DeskHit {
  id: string;
  matchType: string;
  score: number;
  /** Person hits: CONFIRMED, PROBABLE, or POSSIBLE when promoted from a review (issue 16); null otherwise. */
  tier: string | null;
  reason: string;
  urgent: boolean;
  status: HitStatus;
  resolution: Resolution | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  escalatedAt: string | null;
  escalatesAt: string | null;
  eventStartsAt: string | null;
  createdAt: string;
  sides: HitSide[];
  /** Who has claimed the hit (issue 17); null when no one holds it. */
  holder?: { username: string; fullName: string; claimedAt: string } | null;
  /** The hit's page only: its contact log, newest first. */
  contacts?: HitContact[];
  /** Issue 17: DEFER's deferring case; the last reopening. */
  deferringCaseId: string | null;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

/** An entry of a hit's contact log (issue 17). */
export interface HitContact { id: string; reached: string; agency: string; means: string; agreed: string; author: string; createdAt: string }

export interface HitPage { items: DeskHit[]; nextCursor: string | null }
export interface QueueFilters { status?: string; matchType?: string; tier?: string; agency?: string; claimed?: string }
export const TIERS = ['CONFIRMED', 'PROBABLE', 'POSSIBLE'] as const;

export const deconflictionKeys = {
  all: ['deconfliction'] as const,
  queue: (filters: QueueFilters) => ['deconfliction', 'hits', 'queue', filters] as const,
  hit: (id: string) => ['deconfliction', 'hits', 'one', id] as const,
};

export const getHitQueue = (filters: QueueFilters, cursor?: string) =>
  apiRequest<HitPage>('/deconfliction/hits', { query: { ...filters, limit: 25, cursor } });

export const hitQueueOptions = (filters: QueueFilters) => infiniteQueryOptions({
  queryKey: deconflictionKeys.queue(filters),
  queryFn: ({ pageParam }) => getHitQueue(filters, pageParam),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: HitPage) => last.nextCursor ?? undefined,
});

/**
 * The live queue. The coordinator's notification stream carries every hit's creation, escalation and resolution, and
 * the tray invalidates open queries on each, so new hits appear without a reload; the slow poll covers a stream that
 * is reconnecting.
 */
export const useHitQueue = (filters: QueueFilters) => useInfiniteQuery({ ...hitQueueOptions(filters), refetchInterval: 60_000 });

export const getHit = (id: string) => apiRequest<DeskHit>(`/deconfliction/hits/${encodeURIComponent(id)}`);
export const hitOptions = (id: string) => queryOptions({ queryKey: deconflictionKeys.hit(id), queryFn: () => getHit(id) });
export const useHit = (id: string) => useQuery(hitOptions(id));

export interface ResolveInput { id: string; resolution: Resolution | ''; note: string; deferringCaseId?: string }

export const resolveHit = ({ id, resolution, note, deferringCaseId }: ResolveInput, idempotencyKey: string) =>
  apiRequest<DeskHit>(`/deconfliction/hits/${encodeURIComponent(id)}/resolve`, {
    method: 'POST', body: { resolution: resolution || undefined, note, deferringCaseId: deferringCaseId || undefined }, idempotencyKey,
  });

export const useResolveHit = (onSuccess?: (hit: DeskHit) => void) =>
  useSubmission(resolveHit, { invalidates: [deconflictionKeys.all], onSuccess });
