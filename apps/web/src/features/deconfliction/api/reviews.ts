import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';
import { deconflictionKeys } from './hits';

export const REVIEW_STATUSES = ['OPEN', 'PROMOTED', 'DISMISSED'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** One side of a review item: whom to call and that side's name (or serial) as recorded; `seizureId` for a seizure's. */
export interface ReviewPointer {
  agency: string; caseNumber: string | null; agentName: string | null; agentPhone: string | null; matchedValue: string; seizureId?: string;
}
export interface ReviewCandidate extends ReviewPointer { id: string; score: number; reason: string }

/** A POSSIBLE person match, a collapsed common name (issue 16) or a serial part's crowd, as the desk reviews it. */
export interface Review {
  id: string;
  kind: 'POSSIBLE_MATCH' | 'COMMON_NAME' | 'COMMON_SERIAL_PART';
  status: ReviewStatus;
  reason: string;
  query: ReviewPointer;
  candidates: ReviewCandidate[];
  agencies: string[];
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  hitId: string | null;
  createdAt: string;
}

export interface ReviewPage { items: Review[]; nextCursor: string | null }

const reviewKeys = { list: (status: string) => [...deconflictionKeys.all, 'reviews', status] as const };

export const getReviews = (status: string, cursor?: string) =>
  apiRequest<ReviewPage>('/deconfliction/reviews', { query: { status, limit: 25, cursor } });

export const reviewsOptions = (status: string) => infiniteQueryOptions({
  queryKey: reviewKeys.list(status),
  queryFn: ({ pageParam }) => getReviews(status, pageParam),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: ReviewPage) => last.nextCursor ?? undefined,
});

export const useReviews = (status: string) => useInfiniteQuery(reviewsOptions(status));

export interface DecideInput { id: string; decision: 'promote' | 'dismiss'; note: string; candidate?: string }

export const decideReview = ({ id, decision, note, candidate }: DecideInput, idempotencyKey: string) =>
  apiRequest<Review>(`/deconfliction/reviews/${encodeURIComponent(id)}/${decision}`, {
    method: 'POST', body: decision === 'promote' && candidate ? { note, candidate } : { note }, idempotencyKey,
  });

/** Promotion raises a hit, so the hit queue is refreshed with the review list. */
export const useDecideReview = () => useSubmission(decideReview, { invalidates: [deconflictionKeys.all] });
