import type { Actor } from './case-items';

export const HIT_RESOLUTIONS = ['JOINT_INVESTIGATION', 'DEFER', 'PROCEED_INDEPENDENTLY', 'NO_CONFLICT'] as const;
export type HitResolution = (typeof HIT_RESOLUTIONS)[number];
export const HIT_STATUSES = ['OPEN', 'ESCALATED', 'RESOLVED'] as const;
export type HitStatus = (typeof HIT_STATUSES)[number];

export interface HitWorkflowInput {
  hitId: string;
  /** Decided by the activity that found the hit (event hits escalate in minutes) and fixed in history. */
  escalateAfterMs: number;
  /** Carried over continue-as-new. */
  status?: HitStatus;
}

/** A hit found by deconfliction, returned by the activity so the case or seizure workflow starts its workflow. */
export interface HitStart { hitId: string; workflowId: string; escalateAfterMs: number }

export interface ResolveHitRequest {
  resolution: HitResolution;
  note: string;
  actor: Actor;
  /** DEFER: the case that defers to the other (one of the hit's two cases; the API checks it). */
  deferringCaseId?: string;
}

/** A coordinator puts a resolved hit back to OPEN (issue 17); its escalation clock starts again. */
export interface ReopenHitRequest {
  reason: string;
  actor: Actor;
}

export interface HitWorkflowState { hitId: string; status: HitStatus }
