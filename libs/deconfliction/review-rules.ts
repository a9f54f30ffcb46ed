/**
 * Coordinator review items for POSSIBLE person matches (issue 16) and for the crowd of serials one readable part meets
 * (serial-collapse.ts). Pure: which items a pass's matches make, with fixed ids (a retried pass names the same items)
 * and the reasons a coordinator reads, in English and Spanish.
 */

import type { Message } from '../http/problem';
import type { NameForm } from '../contracts/case-items';
import { uuidFrom } from '../common/deterministic-id';
import type { Match } from './matching.repository';
import { pairKeyOf } from './deconfliction-rules';
import type { SerialCrowd } from './serial-collapse';

export const REVIEW_KINDS = ['POSSIBLE_MATCH', 'COMMON_NAME', 'COMMON_SERIAL_PART'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_STATUSES = ['OPEN', 'PROMOTED', 'DISMISSED'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A stored person (or firearm) a review item points at: whose it is, and the evidence a promotion turns into a hit. */
export interface ReviewCandidate {
  /** `seizureId` when the stored person is an arrestee of a seizure (caseId is then ''). */
  agency: string; caseId: string; seizureId?: string; itemId: string; value: string; score: number; reason: string; reasonEs: string;
  /** Which names met when an alias or moniker did (issue 21): the query's and this candidate's; a promotion keeps them. */
  forms?: { query: NameForm; candidate: NameForm };
}

/**
 * The person or firearm just entered, whose matching made the item: a case's, or (a COMMON_SERIAL_PART item only) a
 * seizure's firearm, when `caseId` is null.
 */
export interface ReviewQuery { caseId: string | null; seizureId?: string; agency: string; itemId: string; value: string }

export interface NewReview {
  id: string; kind: ReviewKind; query: ReviewQuery; candidates: ReviewCandidate[]; agencies: string[]; reason: Message;
}

const candidateOf = (m: Match): ReviewCandidate => {
  const forms = { query: m.own.nameForm ?? 'LEGAL', candidate: m.other.nameForm ?? 'LEGAL' };
  return {
    agency: m.other.agency, caseId: m.other.caseId ?? '', ...(m.other.seizureId ? { seizureId: m.other.seizureId } : {}),
    itemId: m.other.itemId, value: m.other.value, score: m.score,
    reason: m.reason, reasonEs: m.reasonEs ?? m.reason, ...(forms.query !== 'LEGAL' || forms.candidate !== 'LEGAL' ? { forms } : {}),
  };
};

export function commonNameReason(candidates: number, cases: number, agencies: string[], atLeast = false): Message {
  const list = agencies.join(', ');
  // A check stops counting at PERSON_CHECK_COUNT_CAP: its figures are then lower bounds.
  const [en, es] = atLeast ? ['at least ', 'al menos '] : ['', ''];
  return {
    en: `${en}${candidates} stored persons named like this in ${en}${cases} case${cases === 1 ? '' : 's'} of agenc${agencies.length === 1 ? 'y' : 'ies'} ${list}; no DOB or identifier tells them apart`,
    es: `${es}${candidates} personas registradas con un nombre así en ${es}${cases} caso${cases === 1 ? '' : 's'} de la${agencies.length === 1 ? '' : 's'} agencia${agencies.length === 1 ? '' : 's'} ${list}; ninguna fecha de nacimiento ni identificador las distingue`,
  };
}

/** Several POSSIBLE candidates of one person, up to the maximum: who they are, in English and Spanish. */
export function possibleCandidatesReason(candidates: number, cases: number, agencies: string[]): Message {
  const list = agencies.join(', ');
  return {
    en: `${candidates} stored persons may be this person, in ${cases} case${cases === 1 ? '' : 's'} of agenc${agencies.length === 1 ? 'y' : 'ies'} ${list}; the DOB is unknown on one side`,
    es: `${candidates} personas registradas pueden ser esta persona, en ${cases} caso${cases === 1 ? '' : 's'} de la${agencies.length === 1 ? '' : 's'} agencia${agencies.length === 1 ? '' : 's'} ${list}; la fecha de nacimiento es desconocida en un lado`,
  };
}

/**
 * One review item per query person (the bench's p95 of review items per query is 1): a single POSSIBLE match is a
 * POSSIBLE_MATCH item with that candidate; two up to `possibleMax` are one POSSIBLE_MATCH item listing them (the
 * coordinator promotes the one that is the person); more than `possibleMax` are one COMMON_NAME item, and the agent
 * is told the name is ambiguous: a common name is one thing to review, not N.
 */
export function reviewsFor(caseId: string, agency: string, possible: Match[], possibleMax: number): NewReview[] {
  const byPerson = new Map<string, Match[]>();
  for (const m of possible) byPerson.set(m.own.itemId, [...(byPerson.get(m.own.itemId) ?? []), m]);
  const out: NewReview[] = [];
  for (const [itemId, matches] of byPerson) {
    const query: ReviewQuery = { caseId, agency, itemId, value: matches[0].own.value };
    const candidates = matches.map(candidateOf).sort((a, b) => a.itemId.localeCompare(b.itemId));
    const agencies = [...new Set(candidates.map((c) => c.agency))].sort();
    if (matches.length > possibleMax) {
      const cases = new Set(candidates.map((c) => c.seizureId ?? c.caseId)).size;
      out.push({ id: uuidFrom(`review-common-name\n${itemId}`), kind: 'COMMON_NAME', query, candidates, agencies, reason: commonNameReason(candidates.length, cases, agencies) });
      continue;
    }
    if (matches.length > 1) {
      const cases = new Set(candidates.map((c) => c.seizureId ?? c.caseId)).size;
      out.push({
        id: uuidFrom(`review-possible\n${itemId}`), kind: 'POSSIBLE_MATCH', query, candidates, agencies,
        reason: possibleCandidatesReason(candidates.length, cases, agencies),
      });
      continue;
    }
    const candidate = candidates[0];
    out.push({
      id: uuidFrom(`review\n${pairKeyOf(matches[0])}`), kind: 'POSSIBLE_MATCH', query, candidates: [candidate], agencies: [candidate.agency],
      reason: { en: candidate.reason, es: candidate.reasonEs },
    });
  }
  return out;
}

/**
 * One COMMON_SERIAL_PART item per firearm whose readable part met a crowd: the stored firearms are its candidates, the
 * coordinator promotes the one that is the gun (a hit between the two firearms) or dismisses the item.
 */
export function serialPartReviews(owner: { caseId: string } | { seizureId: string }, agency: string, crowds: SerialCrowd[]): NewReview[] {
  const where = 'caseId' in owner ? { caseId: owner.caseId } : { caseId: null, seizureId: owner.seizureId };
  return crowds.map((crowd) => ({
    id: uuidFrom(`review-common-serial-part\n${crowd.itemId}`), kind: 'COMMON_SERIAL_PART',
    query: { ...where, agency, itemId: crowd.itemId, value: crowd.value },
    candidates: crowd.matches.map(candidateOf).sort((a, b) => a.itemId.localeCompare(b.itemId)),
    agencies: crowd.agencies, reason: crowd.reason,
  }));
}

/** The kind of hit a promotion raises from an item of this kind. */
export const promotedMatchType = (kind: ReviewKind): 'PERSON' | 'FIREARM_SERIAL' => (kind === 'COMMON_SERIAL_PART' ? 'FIREARM_SERIAL' : 'PERSON');

/** What the agent who entered an ambiguous person is told: that it is ambiguous and what would decide it. */
export const AMBIGUOUS_PERSON: Message = {
  en: 'The match for this person is ambiguous: several stored persons have a name like this. A date of birth or an identifier (phone, e-mail, plate, VIN, serial) would decide it.',
  es: 'La coincidencia de esta persona es ambigua: varias personas registradas tienen un nombre así. Una fecha de nacimiento o un identificador (teléfono, correo, placa, NIV, número de serie) la decidiría.',
};

/** How a pass that queried a person again decided an open review item of theirs (reviewOutcome). */
export type ReviewOutcome = { kind: 'HITS'; matches: number } | { kind: 'REPLACED' } | { kind: 'NO_MATCH' };

/**
 * An open item of a person the matching ran for again (a DOB or an identifier was added) and that this pass did not
 * make again: its CONFIRMED or PROBABLE matches raised hits, another item replaced it, or nothing matches any more.
 */
export function reviewOutcome(itemId: string, decisive: Match[], reviews: NewReview[]): ReviewOutcome {
  const matches = decisive.filter((m) => m.own.itemId === itemId).length;
  if (matches > 0) return { kind: 'HITS', matches };
  return reviews.some((r) => r.query.itemId === itemId) ? { kind: 'REPLACED' } : { kind: 'NO_MATCH' };
}

/** What the coordinator reads on an item the matching closed, in English and Spanish. */
export function closingReason(outcome: ReviewOutcome): Message {
  switch (outcome.kind) {
    case 'HITS': {
      const n = outcome.matches;
      return {
        en: `Closed by the matching run again after a date of birth or an identifier was added: ${n} confirmed or probable match${n === 1 ? ' became a hit' : 'es became hits'}`,
        es: `Cerrada al repetirse la comparación tras agregarse una fecha de nacimiento o un identificador: ${n} coincidencia${n === 1 ? '' : 's'} confirmada${n === 1 ? '' : 's'} o probable${n === 1 ? '' : 's'} se convirtieron en alertas`,
      };
    }
    case 'REPLACED': return {
      en: 'Closed by the matching run again after a date of birth or an identifier was added: a narrower review item replaces it',
      es: 'Cerrada al repetirse la comparación tras agregarse una fecha de nacimiento o un identificador: la reemplaza un elemento de revisión más preciso',
    };
    case 'NO_MATCH': return {
      en: 'Closed by the matching run again after a date of birth or an identifier was added: no stored person matches any more',
      es: 'Cerrada al repetirse la comparación tras agregarse una fecha de nacimiento o un identificador: ya no coincide ninguna persona registrada',
    };
  }
}
