/**
 * Scores and the reasons a coordinator reads. Pure, so every threshold decision is table-tested; the thresholds
 * themselves are configuration (PERSON_MATCH_THRESHOLD, ORGANIZATION_MATCH_THRESHOLD).
 */

import { agreeingTokens, TokenAgreement } from './person-tokens';

export type DobRelation = 'EQUAL' | 'DIFFERENT' | 'UNKNOWN';

export interface PersonEvidence {
  /** pg_trgm similarity of the accent-folded full names (word order does not matter to it). */
  trigram: number;
  /** Query tokens paired one to one with stored tokens, by how they agree (libs/deconfliction/person-tokens.ts). */
  agreement: TokenAgreement;
  queryTokens: number;
  storedTokens: number;
  dob: DobRelation;
}

/** `reasonEs`: the same reason in Spanish for the partner agencies' coordinators (Accept-Language: es), where written. */
export interface Scored { score: number; reason: string; reasonEs?: string }

const round2 = (n: number) => Math.round(n * 100) / 100;

/** How much of the name evidence is spelling (trigram); the rest is token agreement over the shorter name. */
const TRIGRAM_WEIGHT = 0.5;

/** The date of birth's part in the score: name evidence is scaled by `name`, then `plus` is added. */
const DOB_WEIGHT: Record<DobRelation, { name: number; plus: number }> = {
  EQUAL: { name: 0.7, plus: 0.3 },
  UNKNOWN: { name: 0.9, plus: 0 },
  DIFFERENT: { name: 0.6, plus: 0 },
};

/**
 * Name evidence is half spelling (trigram) and half token agreement over the shorter name: a token agrees with one
 * token of the other name when spelled the same, when it sounds the same (double metaphone) or as a one-letter typo
 * next to a rare spelling, so a dropped second surname costs nothing and a typo costs only its share of trigrams.
 * A shared date of birth lifts the evidence; a different one (both known) weighs heavily against, since namesakes are
 * common and the date is the cheapest discriminator agents record.
 *
 * Measured and rejected (the bench's 1M persons, scored offline): counting agreement over the longer name when the
 * DOB is unknown cut the recall of a dropped maternal surname from 0.995 to 0.63 while precision stayed under 0.03,
 * because most wrong matches are namesakes that no name rule can tell apart.
 */
export function personScore(e: PersonEvidence): number {
  const shorter = Math.max(1, Math.min(e.queryTokens, e.storedTokens));
  const tokens = Math.min(1, agreeingTokens(e.agreement) / shorter);
  const name = TRIGRAM_WEIGHT * e.trigram + (1 - TRIGRAM_WEIGHT) * tokens;
  const weight = DOB_WEIGHT[e.dob];
  return round2(weight.name * name + weight.plus);
}

/**
 * The lowest name trigram with which a pair could still reach `threshold` (every token agreeing): candidates under
 * it are dropped in SQL before they are fetched. Above 1 means never (a different DOB at the default threshold).
 */
export function minTrigramFor(dob: DobRelation, threshold: number): number {
  const weight = DOB_WEIGHT[dob];
  // Scores are rounded to 2 decimals before the comparison: 0.695 already counts as 0.70.
  const name = (threshold - 0.005 - weight.plus) / weight.name;
  return Math.max(0, (name - (1 - TRIGRAM_WEIGHT)) / TRIGRAM_WEIGHT);
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

const TYPE_LABEL_ES: Record<string, string> = {
  PHONE: 'teléfono (E.164)', VEHICLE_PLATE: 'placa', VIN: 'NIV', ADDRESS: 'domicilio', EMAIL: 'correo electrónico',
  FIREARM_SERIAL: 'número de serie', FFL_LICENSE: 'licencia FFL',
};

/**
 * Exact values match at 1. A plate is only the same vehicle in the same region: another region's plate is not a
 * match (null), an unknown region is a likely one.
 */
export function scoreExact(matchType: string, region: RegionRelation): Scored | null {
  const label = TYPE_LABEL[matchType] ?? matchType.toLowerCase();
  const labelEs = TYPE_LABEL_ES[matchType] ?? matchType.toLowerCase();
  if (region === 'DIFFERENT') return null;
  if (region === 'UNKNOWN') {
    return {
      score: 0.9, reason: `${label} equal after normalization, region not known on both sides`,
      reasonEs: `${labelEs} igual tras normalizar, región no conocida en ambos lados`,
    };
  }
  if (region === 'EQUAL') {
    return { score: 1, reason: `${label} equal after normalization, same region`, reasonEs: `${labelEs} igual tras normalizar, misma región` };
  }
  return { score: 1, reason: `${label} equal after normalization`, reasonEs: `${labelEs} igual tras normalizar` };
}

/** A readable part of an obliterated serial found inside another serial: as strong as the share of it that is readable. */
export function scorePartialSerial(readable: string, other: string): Scored {
  const longer = Math.max(readable.length, other.length);
  return {
    score: round2(Math.min(0.95, readable.length / longer)),
    reason: `obliterated serial: readable part ${readable} found in ${other.length > readable.length ? 'the other serial' : 'the other readable part'}`,
    reasonEs: `número de serie borrado: la parte legible ${readable} aparece en ${other.length > readable.length ? 'el otro número de serie' : 'la otra parte legible'}`,
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
  const overlap = Math.max(0, Math.round(e.overlapMinutes));
  return {
    score: 1,
    reason: `operation areas ${gap} m apart (radii ${e.radiusA} + ${e.radiusB} m), windows overlap ${overlap} min`,
    reasonEs: `áreas de operación a ${gap} m (radios ${e.radiusA} + ${e.radiusB} m), las ventanas se traslapan ${overlap} min`,
  };
}
