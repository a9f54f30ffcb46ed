/**
 * How two name tokens can agree, and the keys persons are blocked on. Pure, table-tested; the SQL side of the same
 * rules (migration PersonPairKeys: person_pair_keys, person_spelling_variants) must produce the same values, which
 * the deconfliction bench checks after every load.
 */

/** Tokens shorter than this are never read as a typo of another: "ana"/"ada", "luz"/"lui" are different names. */
export const MIN_TYPO_TOKEN_LENGTH = 4;

/**
 * A one-letter difference is read as a typo only when one of the two spellings is rare in the register (carried by
 * at most this many persons): two established names one letter apart (Hernández/Fernández, Marín/María) stay two names.
 */
export const RARE_SPELLING_MAX_PERSONS = 10;

/**
 * Keys a person is blocked on: every pair of phonetic codes taken from two different tokens, as 'A|B' with A <= B.
 * "Two tokens agree" is then one GIN lookup; the two codes of one token (garcia: KRS, KRX) never make a pair alone.
 */
export function pairKeys(tokenCodes: string[][]): string[] {
  const pairs = new Set<string>();
  for (let i = 0; i < tokenCodes.length; i += 1) {
    for (let j = i + 1; j < tokenCodes.length; j += 1) {
      for (const a of tokenCodes[i]) for (const b of tokenCodes[j]) pairs.add(a <= b ? `${a}|${b}` : `${b}|${a}`);
    }
  }
  return [...pairs].sort();
}

/**
 * Words that join a name rather than name anyone: articles and "son of" (al, el, bin, ibn, abu), and the particles
 * nameTokens keeps (du, di, le, der, ...; it already drops de, del, la, da, dos, van, von). Every "Mohammed al X" shares
 * the pair al+Mohammed, so with them in the pair keys "Mohammed al Haddad" without a DOB read 10,813 candidates at 2M
 * persons. They still agree or not in the score; they only take no part in blocking.
 */
export const BLOCKING_PARTICLES: ReadonlySet<string> = new Set([
  'al', 'el', 'ul', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'bin', 'ibn', 'bint', 'ben', 'abu',
  'de', 'del', 'della', 'di', 'da', 'das', 'do', 'dos', 'du', 'la', 'las', 'le', 'los', 'van', 'von', 'der', 'den', 'ter', 'y',
]);

/**
 * The codes a person is blocked on, parallel to its tokens: a particle's are left out, unless fewer than two other
 * tokens remain ("Al Haddad" keeps its only pair). Stored rows and queries alike: a query's particle, with its
 * nicknames (Al: Albert, Alan...) and typos, blocked "Mohammed al Haddad" on every "Alan Haddad" too. The one pair no
 * longer met is a query of two names and a particle against a stored particle and one name ("Al Haddad").
 */
export function blockingCodes(tokens: string[], tokenCodes: string[][]): string[][] {
  const named = tokens.filter((t) => !BLOCKING_PARTICLES.has(t)).length;
  return named < 2 ? tokenCodes : tokenCodes.map((codes, i) => (BLOCKING_PARTICLES.has(tokens[i]) ? [] : codes));
}

/** A person's stored pair keys (person_keys.pair_keys; the SQL copy is person_blocking_pair_keys). */
export const personPairKeys = (tokens: string[], tokenCodes: string[][]): string[] => pairKeys(blockingCodes(tokens, tokenCodes));

/**
 * The token and every form of it with one letter deleted. Two tokens one edit apart (a letter changed, added, dropped
 * or two neighbours swapped) always share one of these, so the vocabulary finds typo neighbours by exact lookups.
 */
export function spellingVariants(token: string): string[] {
  const variants = new Set([token]);
  for (let i = 0; i < token.length; i += 1) variants.add(token.slice(0, i) + token.slice(i + 1));
  return [...variants].sort();
}

/** Optimal-string-alignment distance capped at 2: enough to tell "one edit apart" from "further". */
export function editDistanceAtMost2(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
    }
    [before, previous] = [previous, current];
  }
  return Math.min(2, previous[b.length]);
}

/**
 * Masculine and feminine forms of one given name (Juan/Juana, Mario/María, Francisco/Francisca) are two names,
 * although they sound alike and are one letter apart.
 */
export function genderForms(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long === `${short}a`) return true;
  const stem = short.slice(0, -1);
  return short.length === long.length && short.length > 2 && stem === long.slice(0, -1)
    && /[ao]$/.test(short) && /[ao]$/.test(long) && short !== long;
}

/** A stored spelling one edit from a query token, with how many persons carry each. */
export interface SpellingNeighbour { token: string; persons: number }

/** Whether a neighbour is read as a typo of the token (or the token as a typo of it). */
export function isTypoOf(token: string, tokenPersons: number, neighbour: SpellingNeighbour): boolean {
  return token !== neighbour.token
    && Math.min(token.length, neighbour.token.length) >= MIN_TYPO_TOKEN_LENGTH
    && Math.min(tokenPersons, neighbour.persons) <= RARE_SPELLING_MAX_PERSONS
    && !genderForms(token, neighbour.token)
    && editDistanceAtMost2(token, neighbour.token) === 1;
}

/**
 * One name's tokens, each with its phonetic codes and (query side) the stored spellings read as its typos, the given
 * names one row of given_name_variants away (Bob for Robert) and the spellings of the same transliterated name
 * (Youssef for Yusuf, names/name-form-keys.ts).
 */
export interface NameTokens {
  tokens: string[]; codes: string[][]; typos?: string[][]; nicknames?: string[][]; transliterations?: string[][];
}

export type TokenAgreementKind = 'exact' | 'sound' | 'transliteration' | 'nickname' | 'typo';
/** Counts per kind; `nickname` and `transliteration` are absent where nothing agreed that way (issue 21). */
export interface TokenAgreement { exact: number; sound: number; typo: number; nickname?: number; transliteration?: number }

/** What a nickname agreement counts for, against 1 for the same given name: "a little less" (issue 21). */
export const NICKNAME_AGREEMENT_WEIGHT = 0.8;

/** Agreeing tokens as the score counts them: a nickname a little less than the others. */
export const agreeingTokens = (a: TokenAgreement): number =>
  a.exact + a.sound + a.typo + (a.transliteration ?? 0) + NICKNAME_AGREEMENT_WEIGHT * (a.nickname ?? 0);

function agreementKind(q: NameTokens, i: number, s: NameTokens, j: number): TokenAgreementKind | null {
  const [a, b] = [q.tokens[i], s.tokens[j]];
  if (a === b) return 'exact';
  if (genderForms(a, b)) return null;
  if (q.codes[i].some((code) => s.codes[j].includes(code))) return 'sound';
  if (q.transliterations?.[i]?.includes(b)) return 'transliteration';
  if (q.nicknames?.[i]?.includes(b)) return 'nickname';
  return q.typos?.[i]?.includes(b) ? 'typo' : null;
}

const KIND_ORDER: TokenAgreementKind[] = ['exact', 'sound', 'transliteration', 'nickname', 'typo'];

/** A query token (index i) paired with a stored token (index j), and how they agree. */
export interface AlignedPair { i: number; j: number; kind: TokenAgreementKind }

/**
 * Pairs each query token with at most one stored token, strongest agreement first (same spelling, then same sound,
 * then a typo), so "Juan Juana" against a stored "Juan" agrees once, not twice.
 */
export function alignTokenPairs(query: NameTokens, stored: NameTokens): AlignedPair[] {
  const candidates: AlignedPair[] = [];
  query.tokens.forEach((_, i) => stored.tokens.forEach((__, j) => {
    const kind = agreementKind(query, i, stored, j);
    if (kind) candidates.push({ i, j, kind });
  }));
  candidates.sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind));
  const [usedQuery, usedStored] = [new Set<number>(), new Set<number>()];
  const pairs: AlignedPair[] = [];
  for (const c of candidates) {
    if (usedQuery.has(c.i) || usedStored.has(c.j)) continue;
    usedQuery.add(c.i);
    usedStored.add(c.j);
    pairs.push(c);
  }
  return pairs;
}

/** How many aligned tokens agree, by kind. */
export function agreementOf(pairs: AlignedPair[]): TokenAgreement {
  const out: TokenAgreement = { exact: 0, sound: 0, typo: 0 };
  for (const pair of pairs) out[pair.kind] = (out[pair.kind] ?? 0) + 1;
  return out;
}

export const alignTokens = (query: NameTokens, stored: NameTokens): TokenAgreement => agreementOf(alignTokenPairs(query, stored));
