/**
 * Scores and the reasons a coordinator reads. Pure, so every threshold decision is table-tested; the thresholds
 * themselves are configuration (PERSON_MATCH_THRESHOLD, ORGANIZATION_MATCH_THRESHOLD).
 */

export type DobRelation = 'EQUAL' | 'DIFFERENT' | 'UNKNOWN';

export interface PersonEvidence {
  /** pg_trgm similarity of the accent-folded full names (word order does not matter to it). */
  trigram: number;
  /** Tokens of the shorter name whose double-metaphone code appears among the other name's codes. */
  agreeingTokens: number;
  queryTokens: number;
  storedTokens: number;
  dob: DobRelation;
}

export interface Scored { score: number; reason: string }

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Name evidence is half spelling (trigram) and half sound (phonetic agreement over the shorter name, so a dropped
 * second surname costs nothing). A shared date of birth lifts it; a different one (both known) weighs heavily against,
 * since namesakes are common and the date is the cheapest discriminator agents record.
 */
export function scorePerson(e: PersonEvidence): Scored {
  const shorter = Math.max(1, Math.min(e.queryTokens, e.storedTokens));
  const phonetic = Math.min(1, e.agreeingTokens / shorter);
  const name = 0.5 * e.trigram + 0.5 * phonetic;
  const score = e.dob === 'EQUAL' ? 0.7 * name + 0.3 : e.dob === 'DIFFERENT' ? 0.6 * name : 0.9 * name;
  const dobText = { EQUAL: 'DOB equal', DIFFERENT: 'DOB differs', UNKNOWN: 'DOB unknown' }[e.dob];
  return {
    score: round2(score),
    reason: `name trigram ${e.trigram.toFixed(2)}, phonetic ${e.agreeingTokens} of ${shorter} tokens, ${dobText}`,
  };
}

export function scoreOrganization(trigram: number): Scored {
  return { score: round2(trigram), reason: `organization name trigram ${trigram.toFixed(2)}` };
}

export type RegionRelation = 'EQUAL' | 'UNKNOWN' | 'DIFFERENT' | 'NOT_APPLICABLE';

export function regionRelation(a: string | null, b: string | null, applies: boolean): RegionRelation {
  if (!applies) return 'NOT_APPLICABLE';
  if (a === null || b === null) return 'UNKNOWN';
  return a === b ? 'EQUAL' : 'DIFFERENT';
}

const TYPE_LABEL: Record<string, string> = {
  PHONE: 'phone (E.164)', VEHICLE_PLATE: 'plate', VIN: 'VIN', ADDRESS: 'address', EMAIL: 'e-mail',
  FIREARM_SERIAL: 'serial', FFL_LICENSE: 'FFL licence',
};

/**
 * Exact values match at 1. A plate is only the same vehicle in the same region: another region's plate is not a
 * match (null), an unknown region is a likely one.
 */
export function scoreExact(matchType: string, region: RegionRelation): Scored | null {
  const label = TYPE_LABEL[matchType] ?? matchType.toLowerCase();
  if (region === 'DIFFERENT') return null;
  if (region === 'UNKNOWN') return { score: 0.9, reason: `${label} equal after normalization, region not known on both sides` };
  if (region === 'EQUAL') return { score: 1, reason: `${label} equal after normalization, same region` };
  return { score: 1, reason: `${label} equal after normalization` };
}

/** A readable part of an obliterated serial found inside another serial: as strong as the share of it that is readable. */
export function scorePartialSerial(readable: string, other: string): Scored {
  const longer = Math.max(readable.length, other.length);
  return {
    score: round2(Math.min(0.95, readable.length / longer)),
    reason: `obliterated serial: readable part ${readable} found in ${other.length > readable.length ? 'the other serial' : 'the other readable part'}`,
  };
}

export interface EventEvidence {
  distanceMeters: number;
  radiusA: number;
  radiusB: number;
  overlapMinutes: number;
}

/** Two operations whose areas touch in overlapping windows are a conflict outright; the reason says how close. */
export function scoreEvent(e: EventEvidence): Scored {
  const gap = Math.max(0, Math.round(e.distanceMeters));
  return {
    score: 1,
    reason: `operation areas ${gap} m apart (radii ${e.radiusA} + ${e.radiusB} m), windows overlap ${Math.max(0, Math.round(e.overlapMinutes))} min`,
  };
}
