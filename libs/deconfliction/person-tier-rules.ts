/**
 * Person-match confidence tiers (issue 16): what a coordinator may trust a person match for. Pure and table-tested;
 * PersonMatching (person-matching.ts) grades every person candidate with it. The name evidence is scored exactly as
 * before tiers (scoring.ts personScore), so "the names agree" means what a person hit meant; the tier then says how
 * far the dates of birth, a shared identifier and the name's rarity in the stored population back it up.
 */

import type { Message } from '../http/problem';
import { nameWeight, tokenWeight } from './person-name-weights';
import type { TokenAgreement } from './person-tokens';
import { DobRelation, PersonEvidence, personScore } from './scoring';

export const PERSON_MATCH_TIERS = ['CONFIRMED', 'PROBABLE', 'POSSIBLE'] as const;
export type PersonMatchTier = (typeof PERSON_MATCH_TIERS)[number];

/** Identifiers tied to one person: sharing one is as good as an equal date of birth. */
export type StrongIdentifier = 'PHONE' | 'EMAIL' | 'VIN' | 'VEHICLE_PLATE' | 'FIREARM_SERIAL';

/** How two dates of birth relate, including the ways records go wrong. */
export type DobCloseness = 'EQUAL' | 'DAY_MONTH_SWAPPED' | 'YEAR_APART' | 'ONE_DIGIT_OFF' | 'UNKNOWN' | 'DIFFERENT';

export interface PersonTierInput {
  /** The name evidence as personScore takes it, without the DOB (derived here from the two dates). */
  name: Omit<PersonEvidence, 'dob'>;
  /** ISO dates (YYYY-MM-DD) of the query person and the stored person; null when not recorded. */
  queryDob: string | null;
  storedDob: string | null;
  /** A strong identifier both cases hold, if any. */
  sharedIdentifier: StrongIdentifier | null;
  /** Persons carrying each agreeing token (person_name_tokens.persons), and all stored persons. */
  frequency: { tokenPersons: readonly number[]; totalPersons: number };
  /** The tokens that agreed as a nickname or another transliteration, named in the reason (issue 21). */
  forms?: readonly MatchedForm[];
  /**
   * The query name was entered in another script (Arabic, Cyrillic letters): its letters say less than a Latin spelling, so,
   * like a transliteration, it cannot make a name rare enough to stand without a DOB.
   */
  otherScript?: boolean;
}

/** A query token that agreed with a stored one as another form of it: "bob" for "robert", "youssef" for "yusuf". */
export interface MatchedForm { kind: 'nickname' | 'transliteration'; query: string; stored: string }

export interface PersonTierSettings {
  /** PERSON_MATCH_THRESHOLD: the score at which the names agree. */
  matchThreshold: number;
  /** PERSON_RARE_NAME_MIN_WEIGHT: bits above which a name is rare, among REFERENCE_POPULATION stored persons. */
  rareNameMinWeight: number;
}

/**
 * The population PERSON_RARE_NAME_MIN_WEIGHT is stated for. A weight of w bits means about N × 2^-w namesakes among
 * N stored persons, so "a coincidence is unlikely" is a bound on that product, not on w alone: the threshold moves
 * with log2 of the population (24 bits at 1,000,000 persons is 14 bits at 1,000: both about 0.06 namesakes). Without
 * this, no name could be rare in a young database, where log2(N) caps each token's weight.
 */
export const REFERENCE_POPULATION = 1_000_000;

/** The weight above which a name is rare among `totalPersons` stored persons (see REFERENCE_POPULATION). */
export function rareWeightFor(rareNameMinWeight: number, totalPersons: number): number {
  return rareNameMinWeight + Math.log2(Math.max(1, totalPersons) / REFERENCE_POPULATION);
}

/**
 * Whether any stored person agreeing with a query name could weigh above the rare bar, from the query tokens' family
 * counts alone (`familyPersons`: persons carrying each token or one of its other transliterations). A pair's count is the
 * larger of its two spellings', and a token pairs at most once, so no name's weight can exceed the sum of these tokens'
 * positive weights. When false, no candidate whose DOB is unknown on one side can be PROBABLE: only an equal or a close
 * DOB, or a shared identifier, can lift one past POSSIBLE.
 */
export function nameCanBeRare(familyPersons: readonly number[], totalPersons: number, rareNameMinWeight: number): boolean {
  return mostWeight(familyPersons, totalPersons, 1) > rareWeightFor(rareNameMinWeight, totalPersons);
}

/** The most a name agreeing with the query can weigh when each of its pairs is carried by at least `floor` persons. */
const mostWeight = (familyPersons: readonly number[], totalPersons: number, floor: number) => familyPersons.reduce(
  (sum, persons) => sum + Math.max(0, tokenWeight(Math.max(persons, floor), totalPersons)), 0);

/**
 * The fewest persons a spelling must be carried by for it to count as common here: a stored person agreeing with the
 * query only through such spellings (each query token's own, a typo of it or a nickname: another spelling by sound or
 * transliteration never makes a name PROBABLE without a DOB) weighs no more than the rare bar, since a pair counts as
 * the commoner of its two spellings. So, DOB unknown on one side, only a stored person carrying one of the rarer
 * spellings can be PROBABLE, and a check reads those one by one and counts the rest. 1 exactly when nameCanBeRare is
 * false: no spelling can lift the name.
 */
export function rareSpellingCutoff(familyPersons: readonly number[], totalPersons: number, rareNameMinWeight: number): number {
  if (!nameCanBeRare(familyPersons, totalPersons, rareNameMinWeight)) return 1;
  const bar = rareWeightFor(rareNameMinWeight, totalPersons);
  // The weight only falls as the floor rises, and is 0 at the whole population: the least floor by bisection.
  let [low, high] = [1, Math.max(1, totalPersons)];
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (mostWeight(familyPersons, totalPersons, mid) <= bar) high = mid;
    else low = mid;
  }
  return high;
}

export interface PersonTier {
  tier: PersonMatchTier | null;
  score: number;
  reason: Message;
  dob: DobCloseness;
  /** The name's Fellegi-Sunter weight in bits (person-name-weights.ts). */
  nameWeight: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateParts(date: string): { year: number; month: string; day: string; digits: string } {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`not an ISO date of birth: "${date}"`);
  return { year: Number(match[1]), month: match[2], day: match[3], digits: match[1] + match[2] + match[3] };
}

/** Equal, unknown, close in one of the ways a date is mistyped or misremembered, or different. */
export function dobCloseness(a: string | null, b: string | null): DobCloseness {
  if (a === null || b === null) return 'UNKNOWN';
  const [x, y] = [dateParts(a), dateParts(b)];
  if (x.digits === y.digits) return 'EQUAL';
  if (x.year === y.year && x.month === y.day && x.day === y.month) return 'DAY_MONTH_SWAPPED';
  if (Math.abs(x.year - y.year) === 1 && x.month === y.month && x.day === y.day) return 'YEAR_APART';
  const differing = [...x.digits].filter((digit, i) => digit !== y.digits[i]).length;
  return differing === 1 ? 'ONE_DIGIT_OFF' : 'DIFFERENT';
}

const isoDate = (year: number, month: number, day: number): string | null => {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCDate() === day ? date.toISOString().slice(0, 10) : null;
};

/**
 * Every real date that dobCloseness calls close to `dob` (day and month swapped, the same day and month a year
 * apart, one digit off), so blocking can look them up by the DOB btree.
 */
export function closeDobs(dob: string): string[] {
  const { year, month, day, digits } = dateParts(dob);
  const out = new Set<string>();
  const add = (d: string | null) => { if (d !== null && d !== dob) out.add(d); };
  add(isoDate(year, Number(day), Number(month)));
  add(isoDate(year - 1, Number(month), Number(day)));
  add(isoDate(year + 1, Number(month), Number(day)));
  for (let i = 0; i < digits.length; i += 1) {
    for (let d = 0; d <= 9; d += 1) {
      const changed = digits.slice(0, i) + String(d) + digits.slice(i + 1);
      add(isoDate(Number(changed.slice(0, 4)), Number(changed.slice(4, 6)), Number(changed.slice(6, 8))));
    }
  }
  return [...out].sort();
}

/** A close date is neither for nor against in the score: the tier carries the closeness. */
const SCORED_DOB: Record<DobCloseness, DobRelation> = {
  EQUAL: 'EQUAL', DAY_MONTH_SWAPPED: 'UNKNOWN', YEAR_APART: 'UNKNOWN', ONE_DIGIT_OFF: 'UNKNOWN', UNKNOWN: 'UNKNOWN',
  DIFFERENT: 'DIFFERENT',
};

const DOB_TEXT: Record<DobCloseness, Message> = {
  EQUAL: { en: 'same DOB', es: 'misma fecha de nacimiento' },
  DAY_MONTH_SWAPPED: { en: 'DOB day and month swapped', es: 'fecha de nacimiento con día y mes intercambiados' },
  YEAR_APART: { en: 'DOB same day and month, one year apart', es: 'fecha de nacimiento con mismo día y mes, un año de diferencia' },
  ONE_DIGIT_OFF: { en: 'DOB one digit off', es: 'fecha de nacimiento con un dígito distinto' },
  UNKNOWN: { en: 'DOB unknown on one side', es: 'fecha de nacimiento desconocida en un lado' },
  DIFFERENT: { en: 'DOBs differ', es: 'fechas de nacimiento distintas' },
};

const DOB_UNKNOWN_BOTH: Message = { en: 'DOB unknown on both sides', es: 'fecha de nacimiento desconocida en ambos lados' };

const IDENTIFIER_TEXT: Record<StrongIdentifier, Message> = {
  PHONE: { en: 'shared phone', es: 'teléfono en común' },
  EMAIL: { en: 'shared e-mail', es: 'correo electrónico en común' },
  VIN: { en: 'shared VIN', es: 'NIV en común' },
  VEHICLE_PLATE: { en: 'shared plate', es: 'placa en común' },
  FIREARM_SERIAL: { en: 'shared serial', es: 'número de serie en común' },
};

/** "name 3 of 4 tokens agree (2 same spelling, 1 given name nickname (Bob/Robert))", from the scored alignment. */
function nameText(agreement: TokenAgreement, queryTokens: number, storedTokens: number, forms: readonly MatchedForm[]): Message {
  const shorter = Math.max(1, Math.min(queryTokens, storedTokens));
  const agreeing = AGREEMENT_KINDS.reduce((sum, kind) => sum + (agreement[kind] ?? 0), 0);
  const kinds = (lang: 'en' | 'es') => AGREEMENT_KINDS.filter((kind) => (agreement[kind] ?? 0) > 0).map((kind) => {
    const n = agreement[kind] ?? 0;
    const pairs = forms.filter((f) => f.kind === kind).map((f) => `${title(f.query)}/${title(f.stored)}`).join(', ');
    return `${n} ${AGREEMENT_TEXT[kind][lang][n === 1 ? 0 : 1]}${pairs ? ` (${pairs})` : ''}`;
  }).join(', ');
  return {
    en: `name ${agreeing} of ${shorter} tokens agree (${kinds('en')})`,
    es: `nombre: coinciden ${agreeing} de ${shorter} palabras (${kinds('es')})`,
  };
}

const title = (token: string) => token.charAt(0).toUpperCase() + token.slice(1);

const AGREEMENT_KINDS: (keyof TokenAgreement)[] = ['exact', 'sound', 'transliteration', 'nickname', 'typo'];

/** Singular and plural of how tokens agree. */
const AGREEMENT_TEXT: Record<keyof TokenAgreement, { en: [string, string]; es: [string, string] }> = {
  exact: { en: ['same spelling', 'same spelling'], es: ['idéntica', 'idénticas'] },
  sound: { en: ['same sound', 'same sound'], es: ['suena igual', 'suenan igual'] },
  transliteration: {
    en: ['other transliteration', 'other transliterations'], es: ['otra transliteración', 'otras transliteraciones'],
  },
  nickname: {
    en: ['given name nickname', 'given name nicknames'],
    es: ['hipocorístico del nombre de pila', 'hipocorísticos del nombre de pila'],
  },
  typo: { en: ['one letter off', 'one letter off'], es: ['con una letra distinta', 'con una letra distinta'] },
};

function rarityText(weight: number, minWeight: number): Message {
  const bits = weight.toFixed(1);
  return weight > minWeight
    ? { en: `rare name (${bits} bits)`, es: `nombre poco común (${bits} bits)` }
    : { en: `common name (${bits} bits)`, es: `nombre común (${bits} bits)` };
}

/** What a DOB close to the other (swapped, a digit off, a year apart) adds to a name's weight: log2(25,000 / 40). */
export const CLOSE_DOB_BITS = 9;

/**
 * What an equal DOB adds to a name's weight: one day among some 25,000 plausible ones, log2(25,000) rounded down. A
 * name that agrees entirely is CONFIRMED by an equal DOB whatever its frequency (issue 16: persons with the same name
 * and DOB are beyond any matcher); one that agrees in part needs its weight (unmatched tokens counted against it) and
 * these bits above the rare bar, else POSSIBLE. At 1,000,000 persons 12 of the bench's 31 wrong hits were such
 * partial names with an equal DOB ("José Guadalupe Torres" meeting José Guadalupe Santos born the same day).
 */
export const EQUAL_DOB_BITS = 14;

function partialNameText(weight: number): Message {
  const bits = weight.toFixed(1);
  return {
    en: `name agrees in part and is common (${bits} bits): the same DOB does not confirm it`,
    es: `el nombre coincide en parte y es común (${bits} bits): la misma fecha de nacimiento no lo confirma`,
  };
}

/**
 * personTier's first rule alone: dates of birth within the tolerances (or unknown) and names scoring at the threshold.
 * A probe asks it of every candidate before reading what the other rules weigh (token counts, shared identifiers):
 * most of a common name's candidates fail it.
 */
export function mayMatch(
  name: PersonTierInput['name'], queryDob: string | null, storedDob: string | null, settings: PersonTierSettings,
): boolean {
  const dob = dobCloseness(queryDob, storedDob);
  return dob !== 'DIFFERENT' && personScore({ ...name, dob: SCORED_DOB[dob] }) >= settings.matchThreshold;
}

/**
 * The tier by the rules of issue 16, in this order: dates that disagree beyond the tolerances are no match whatever
 * the names; names that do not agree are no match; an equal DOB or a shared strong identifier confirms; a close DOB,
 * or an unknown one on a rare name, is probable; an unknown one on a common name only possible.
 */
export function personTier(input: PersonTierInput, settings: PersonTierSettings): PersonTier {
  const dob = dobCloseness(input.queryDob, input.storedDob);
  const score = personScore({ ...input.name, dob: SCORED_DOB[dob] });
  const { agreement, queryTokens, storedTokens } = input.name;
  // Tokens of the longer name that paired with none of the other's: a dropped surname, or another person's extra name.
  const paired = AGREEMENT_KINDS.reduce((sum, kind) => sum + (agreement[kind] ?? 0), 0);
  const unmatched = Math.max(0, Math.max(queryTokens, storedTokens) - paired);
  const weight = nameWeight(input.frequency.tokenPersons, input.frequency.totalPersons, unmatched);
  const rareWeight = rareWeightFor(settings.rareNameMinWeight, input.frequency.totalPersons);
  const rare = weight > rareWeight;
  const spellingUnsure = rarityUnsure(input);
  const closeDobDecides = dob !== 'UNKNOWN' && dob !== 'EQUAL' && weight + CLOSE_DOB_BITS > rareWeight;
  // Names that agree in part (a token of one without a partner in the other) with an equal DOB confirm only when what
  // agrees is rare enough that another person born that day sharing it is unlikely (see EQUAL_DOB_BITS).
  // A name that only lacks tokens of the other (a dropped maternal surname, an extra given name on record) has no token
  // that disagrees: with two or more tokens paired, an equal DOB confirms it as the issue's CONFIRMED says. A token on
  // each side without a partner (another surname) or a single paired token does not agree enough on its own.
  const disagreeing = Math.max(0, Math.min(queryTokens, storedTokens) - paired);
  const onlyMissing = disagreeing === 0 && Math.min(queryTokens, storedTokens) >= 2;
  const equalDobConfirms = unmatched === 0 || onlyMissing || weight + EQUAL_DOB_BITS > rareWeight;
  const reasonText = (): Message => {
    const bothUnknown = input.queryDob === null && input.storedDob === null;
    const parts = [bothUnknown ? DOB_UNKNOWN_BOTH : DOB_TEXT[dob], nameText(agreement, queryTokens, storedTokens, input.forms ?? [])];
    if (input.sharedIdentifier) parts.push(IDENTIFIER_TEXT[input.sharedIdentifier]);
    if (dob === 'UNKNOWN') parts.push(rarityText(weight, rareWeight));
    if (spellingUnsure && input.sharedIdentifier === null && (dob === 'UNKNOWN' ? rare : closeDobDecides)) {
      parts.push(input.otherScript === true ? SCRIPT_UNSURE_TEXT : SPELLING_UNSURE_TEXT);
    }
    if (dob === 'EQUAL' && input.sharedIdentifier === null && !equalDobConfirms) parts.push(partialNameText(weight));
    return { en: parts.map((p) => p.en).join('; '), es: parts.map((p) => p.es).join('; ') };
  };
  const result = (tier: PersonMatchTier | null): PersonTier => {
    let reason: Message | undefined;
    // Written on first read: most of a common name's graded candidates are no match, and nobody reads their reasons.
    return { tier, score, dob, nameWeight: weight, get reason() { return (reason ??= reasonText()); } };
  };

  if (dob === 'DIFFERENT' || score < settings.matchThreshold) return result(null);
  if (input.sharedIdentifier !== null) return result('CONFIRMED');
  if (dob === 'EQUAL') return result(equalDobConfirms ? 'CONFIRMED' : 'POSSIBLE');
  // A close DOB is evidence, but weaker than an equal one: about 40 close dates among some 25,000 plausible ones
  // (CLOSE_DOB_BITS). On a name so common that even those bits leave coincidences likely (at 1,000,000 persons the
  // bench's close-DOB hits on common names were 20% wrong) it is only POSSIBLE, for the coordinator to decide.
  if (dob !== 'UNKNOWN') return result(closeDobDecides && !spellingUnsure ? 'PROBABLE' : 'POSSIBLE');
  return result(rare && !spellingUnsure ? 'PROBABLE' : 'POSSIBLE');
}

/**
 * Whether the name's rarity cannot be trusted to stand for a DOB. Rarity is counted per spelling and a name with many
 * spellings is undercounted: "Yousif" is rare as written while Yusuf is not (the matcher counts a transliteration's
 * known spellings together, but not every spelling is known). So a name entered in another script, or agreeing
 * through another transliteration or only by sound under another spelling ("Mansur" for Mansour, "Hasan" for
 * Hassan: the pair counts as the commoner of its two spellings, not as all the spellings that sound alike), needs an
 * equal DOB or an identifier to go past POSSIBLE. Rarity also multiplies token shares as if a name's tokens were
 * drawn independently, which a small community's names are not (its few given names and surnames go together): at
 * 300,000 persons 44 of the bench's 51 wrong hits were PROBABLE on names with a token agreeing by sound, many on stored
 * persons with exactly the source's tokens that the "rare" name (23 bits) said should not exist (51 -> 7 with this).
 */
function rarityUnsure(input: PersonTierInput): boolean {
  return input.otherScript === true || input.name.agreement.sound > 0 || (input.forms ?? []).some((f) => f.kind === 'transliteration');
}

const SCRIPT_UNSURE_TEXT: Message = {
  en: 'written from another script: rarity not judged without an equal DOB',
  es: 'escrito desde otro alfabeto: sin la misma fecha de nacimiento no se juzga la rareza',
};

const SPELLING_UNSURE_TEXT: Message = {
  en: 'name agrees under another spelling: rarity not judged without an equal DOB',
  es: 'el nombre coincide con otra grafía: sin la misma fecha de nacimiento no se juzga la rareza',
};
