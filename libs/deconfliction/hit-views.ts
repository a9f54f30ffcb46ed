import type { HitRecord, HitSide } from './hit-record';
import { pointerReason } from './pointer-reason';

/**
 * Pointer-only disclosure (domain.md): a side learns that another case matches, on what kind of value, and whom to
 * call. These functions are the only way a hit leaves the service, and each builds its object field by field, so a
 * new column can never leak by accident.
 */

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export interface Counterpart {
  agency: string; caseNumber: string | null; agentName: string; agentPhone: string | null;
  /** Only when the other side is a seizure: which record to ask about, and the agency of the contact named. */
  seizureId?: string; contactAgency?: string;
}

export const counterpartOf = (side: HitSide): Counterpart => ({
  agency: side.agency, caseNumber: side.caseNumber, agentName: side.agentName, agentPhone: side.agentPhone,
  ...(side.seizureId ? { seizureId: side.seizureId, contactAgency: side.contactAgency ?? side.agency } : {}),
});

export type SideName = 'a' | 'b';

/** The side of a hit that a case (or lookout) is on; null when it is on neither. */
export function sideOf(hit: HitRecord, owner: { caseId?: string; lookoutId?: string; seizureId?: string }): SideName | null {
  if (owner.caseId && hit.a.caseId === owner.caseId) return 'a';
  if (owner.seizureId && hit.a.seizureId === owner.seizureId) return 'a';
  if (owner.caseId && hit.b.caseId === owner.caseId) return 'b';
  if (owner.lookoutId && hit.b.lookoutId === owner.lookoutId) return 'b';
  if (owner.seizureId && hit.b.seizureId === owner.seizureId) return 'b';
  return null;
}

/**
 * api.md "Deconfliction": exactly these fields; `matchedValue` is the reader's own value, and `reason` says how the
 * values met without the other side's (pointer-reason.ts), in the reader's language.
 */
export function sideView(hit: HitRecord, side: SideName, lang: ReasonLanguage = 'en') {
  const own = side === 'a' ? hit.a : hit.b;
  const other = side === 'a' ? hit.b : hit.a;
  return {
    id: hit.id,
    matchType: hit.matchType,
    matchedValue: own.value,
    score: hit.score,
    ...(hit.tier ? { tier: hit.tier } : {}),
    reason: pointerReason(hit, lang),
    status: hit.status,
    ...(hit.resolution ? { resolution: hit.resolution } : {}),
    counterpart: counterpartOf(other),
    // Issue 21: which names met, when not both legal names: the reader's own form and the other side's (no value).
    ...(own.nameForm !== 'LEGAL' || other.nameForm !== 'LEGAL' ? { matchedForm: own.nameForm, counterpartForm: other.nameForm } : {}),
    createdAt: hit.createdAt.toISOString(),
  };
}

export type ReasonLanguage = 'en' | 'es';

/** The reason in the reader's language; English where a hit was recorded without a Spanish one. */
export const reasonIn = (hit: HitRecord, lang: ReasonLanguage): string => (lang === 'es' && hit.reasonEs ? hit.reasonEs : hit.reason);

/** The watch desk sees both pointers, the reason for the score and the resolution trail. */
export function coordinatorView(hit: HitRecord, lang: ReasonLanguage = 'en') {
  const pointer = (side: HitSide) => ({
    caseId: side.caseId, ...counterpartOf(side), lookout: side.lookoutId !== null, seizure: side.seizureId !== null, matchedValue: side.value,
  });
  return {
    id: hit.id,
    matchType: hit.matchType,
    score: hit.score,
    tier: hit.tier,
    reason: reasonIn(hit, lang),
    urgent: hit.urgent,
    status: hit.status,
    resolution: hit.resolution,
    resolutionNote: hit.resolutionNote,
    resolvedBy: hit.resolvedBy,
    resolvedAt: iso(hit.resolvedAt),
    escalatedAt: iso(hit.escalatedAt),
    createdAt: hit.createdAt.toISOString(),
    sides: [pointer(hit.a), pointer(hit.b)],
    deferringCaseId: hit.deferringCaseId,
    reopenedAt: iso(hit.reopenedAt), reopenedBy: hit.reopenedBy, reopenReason: hit.reopenReason,
  };
}
