import type { CaseItems } from '../contracts/case-items';

/** Cases rules, as pure functions: numbering, who may see a case, what keeps it open, whom it may be shared with. */

/** A planned operation without a radius covers this many meters around its point. */
export const DEFAULT_OPERATION_RADIUS_METERS = 250;

export type CaseAccess = 'OWNER' | 'SHARED';

/** Case numbers read `<AGENCY>-<YEAR>-<6 digits>`, counted per agency and year. */
export function formatCaseNumber(agency: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`invalid case sequence ${sequence}`);
  return `${agency}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The owning agency sees its case; another agency only through a live share; anyone else not at all. */
export function caseAccess(owningAgency: string, agency: string, sharedWithAgency: boolean): CaseAccess | null {
  if (owningAgency === agency) return 'OWNER';
  return sharedWithAgency ? 'SHARED' : null;
}

export interface OpenReferral { toAgency: string; rule: string; status: string }

/**
 * What keeps a case open, in words the agent reads in the 409: unresolved deconfliction hits on either side and
 * referrals not yet accepted or declined.
 */
export function closeBlockers(openHits: { count: number; matchTypes: readonly string[] }, referrals: readonly OpenReferral[]): string[] {
  return [
    ...(openHits.count > 0 ? [`${openHits.count} deconfliction hit(s) are not resolved (${openHits.matchTypes.join(', ')})`] : []),
    ...referrals.map((r) => `referral ${r.rule} to ${r.toAgency} is ${r.status}`),
  ];
}

export type ShareRefusal = 'OWN_AGENCY' | 'UNKNOWN_AGENCY';

/** A case is shared with another known agency, never with its owner. */
export function shareRefusal(owningAgency: string, target: string, targetKnown: boolean): ShareRefusal | null {
  if (target === owningAgency) return 'OWN_AGENCY';
  return targetKnown ? null : 'UNKNOWN_AGENCY';
}

/** How many items of each kind an intake carries (the audit entry's counts). */
export function itemCounts(items: readonly CaseItems[]): Record<string, number> {
  return Object.fromEntries(items.map((i) => [i.kind, i.items.length]));
}
