import type { NameForm } from '../contracts/case-items';
import type { HitResolution, HitStatus } from '../contracts/hits';
import type { MatchType } from './match-keys';
import type { PersonMatchTier } from './person-tier-rules';

// Defined in the base layer (workflows and the API share them); re-exported for the code that reads them here.
export { HIT_RESOLUTIONS, HIT_STATUSES, type HitResolution, type HitStatus } from '../contracts/hits';

/** Where a hit stands in the queue: its urgency rank, the time it is ordered by within the rank, and its id. */
export interface QueueKey { rank: number; at: Date; id: string }
export interface QueueFilter {
  status?: HitStatus[]; matchType?: string[]; tier?: string[];
  /** Either side's agency is this one. */
  agency?: string;
  /** Held by this user id, or (null) held by no one. */
  claimedBy?: string | null;
}

/** The coordinator who holds a hit (issue 17). */
export interface HitHolder { userId: string; username: string; fullName: string; claimedAt: Date }

/** What a hit found, as its probe decided it: the same when it is recorded and when it is read back. */
export interface HitFinding {
  id: string;
  matchType: MatchType;
  score: number;
  reason: string;
  /** Person hits: the tier (issue 16) and the reason in Spanish; null for other kinds. */
  tier: PersonMatchTier | null;
  reasonEs: string | null;
  urgent: boolean;
}

export interface NewHit extends HitFinding {
  pairKey: string;
  /** Side a is the value just entered: a case item, or a firearm of a seizure. */
  a: { caseId: string | null; seizureId?: string | null; agency: string; itemId: string; value: string; nameForm?: NameForm };
  /** Side b is the value stored before: a case item, a lookout, or a seized firearm (seizure-watch.ts). */
  b: { caseId: string | null; lookoutId: string | null; seizureId?: string | null; agency: string; itemId: string; value: string; nameForm?: NameForm };
  workflowId: string;
}

/**
 * Whom to call about one side of a hit: never more of the other case than this. `agentUserId` is who is notified (a
 * case's lead agent, a lookout's owner, the user who recorded a seizure); for a seizure, the name and phone are its
 * first point of contact's when it has one, and `contactAgency` that contact's agency.
 */
export interface HitSide {
  caseId: string | null;
  seizureId: string | null;
  lookoutId: string | null;
  agency: string;
  caseNumber: string | null;
  agentUserId: string;
  agentName: string;
  agentPhone: string | null;
  contactAgency: string | null;
  value: string;
  /** Which of the side's subject names met (issue 21): LEGAL unless an alias or moniker did. */
  nameForm: NameForm;
}

export interface HitRecord extends HitFinding {
  status: HitStatus;
  resolution: HitResolution | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  escalatedAt: Date | null;
  createdAt: Date;
  /** EVENT hits: when the earlier of the two operations starts (the queue's urgency); null for other kinds. */
  eventStartsAt: Date | null;
  workflowId: string;
  a: HitSide;
  b: HitSide;
  holder: HitHolder | null;
  /** Issue 17: DEFER's deferring case; the last reopen; how many times reopened (each round announces once). */
  deferringCaseId: string | null;
  reopenedAt: Date | null;
  reopenedBy: string | null;
  reopenReason: string | null;
  reopenCount: number;
}
