import type { HitResolution, HitStatus } from '../deconfliction/hit.repository';

export interface HitWorkflowInput {
  hitId: string;
  /** Decided by the activity that found the hit (event hits escalate in minutes) and fixed in history. */
  escalateAfterMs: number;
  /** Carried over continue-as-new. */
  status?: HitStatus;
}

export interface ResolveHitRequest {
  resolution: HitResolution;
  note: string;
  actor: { userId: string; username: string; agency: string };
}

export interface HitWorkflowState { hitId: string; status: HitStatus }
