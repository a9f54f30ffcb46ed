/**
 * Fellegi-Sunter weights of a name agreement, from how common each agreeing token is among the stored persons
 * (person_name_tokens.persons). Pure: the caller reads the counts, this only does the arithmetic (issue 16).
 */

/**
 * m: the probability that a token of the true person agrees when both records name them. Spelling variants, accents
 * and typos already count as agreement (person-tokens.ts alignTokens), so what is left is a dropped or replaced token;
 * 0.95 is the usual starting value in record linkage (Splink's default m for an exact match level is close to it).
 */
export const NAME_TOKEN_M = 0.95;

/**
 * The weight in bits of one agreeing token: log2(m / u), where u (the chance that an unrelated person agrees on it) is
 * the token's share of the stored persons. A token nobody else carries counts as one person, so the weight stays finite.
 */
export function tokenWeight(persons: number, totalPersons: number): number {
  const total = Math.max(1, totalPersons);
  const u = Math.min(1, Math.max(1, persons) / total);
  return Math.log2(NAME_TOKEN_M / u);
}

/**
 * The weight in bits of a token one name has and the other does not match (a dropped or another surname, an extra
 * given name): log2((1 - m) / (1 - u)), with u close to 0 for any one token. About -4.3 bits: the true person's
 * records leave a token unmatched 5% of the time, so one unmatched token makes a coincidence about 20 times likelier.
 */
export const UNMATCHED_TOKEN_WEIGHT = Math.log2(1 - NAME_TOKEN_M);

/**
 * The name's weight: the sum of its agreeing tokens' weights (tokens read as independent, as Fellegi-Sunter does),
 * less UNMATCHED_TOKEN_WEIGHT's bits for each token of the longer name left without a partner (`unmatched`).
 * 2^-weight × total persons is about how many namesakes a coincidence would bring: 24 bits among 1,000,000 persons is
 * about 0.06, which is why PERSON_RARE_NAME_MIN_WEIGHT defaults to 24.
 */
export function nameWeight(tokenPersons: readonly number[], totalPersons: number, unmatched = 0): number {
  return tokenPersons.reduce((sum, persons) => sum + tokenWeight(persons, totalPersons), 0) + unmatched * UNMATCHED_TOKEN_WEIGHT;
}
