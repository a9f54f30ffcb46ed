import type { Message } from '../http/problem';
import type { Match } from './matching.repository';
import { commonNameReason } from './review-rules';

/**
 * A checked person whose name alone met more stored persons than `PERSON_POSSIBLE_MAX`, none of them told apart by a
 * DOB or an identifier: one entry for the person, as a case pass makes one COMMON_NAME review item (issue 16). It
 * names no stored person, so it discloses counts and agencies only.
 */
export interface AmbiguousPerson {
  matchType: 'PERSON';
  /** The checked subject (the check's own id for it) and the name the caller sent. */
  itemId: string; value: string;
  candidates: number; cases: number; agencies: string[]; reason: Message;
  /** The count stopped at PERSON_CHECK_COUNT_CAP: at least this many persons and cases. */
  atLeast: boolean;
}

export interface CollapsedMatches {
  /** Every match but the collapsed POSSIBLE ones: recorded, told and answered one by one as before. */
  kept: Match[];
  ambiguous: AmbiguousPerson[];
}

const isPossiblePerson = (m: Match) => m.matchType === 'PERSON' && m.tier === 'POSSIBLE';

/**
 * Pure. Per checked person, its POSSIBLE matches count distinct stored persons (a stored person met through an alias
 * and its legal name is one person; "at least" when the probe stopped reading them, Match.countStopped); above
 * `possibleMax` they collapse into one AmbiguousPerson. CONFIRMED and PROBABLE matches are never collapsed: they are
 * what a case pass raises as hits.
 */
export function collapseCommonNames(matches: Match[], possibleMax: number): CollapsedMatches {
  const possibleByPerson = new Map<string, Match[]>();
  for (const m of matches.filter(isPossiblePerson)) {
    possibleByPerson.set(m.own.itemId, [...(possibleByPerson.get(m.own.itemId) ?? []), m]);
  }
  const collapsed = new Set<string>();
  const ambiguous: AmbiguousPerson[] = [];
  for (const [itemId, possible] of possibleByPerson) {
    const persons = new Set(possible.map((m) => m.other.itemId)).size;
    if (persons <= possibleMax) continue;
    collapsed.add(itemId);
    const agencies = [...new Set(possible.map((m) => m.other.agency))].sort();
    const cases = new Set(possible.map((m) => m.other.caseId ?? m.other.lookoutId ?? m.other.seizureId ?? m.other.itemId)).size;
    const atLeast = possible.some((m) => m.countStopped === true);
    ambiguous.push({
      matchType: 'PERSON', itemId, value: possible[0].own.value, candidates: persons, cases, agencies, atLeast, reason: commonNameReason(persons, cases, agencies, atLeast),
    });
  }
  return { kept: matches.filter((m) => !(isPossiblePerson(m) && collapsed.has(m.own.itemId))), ambiguous };
}
