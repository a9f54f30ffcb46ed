import { remembered } from './remembered';
import { consonantSkeleton, tokenTransliterationKeys } from './transliteration-key';

/**
 * What one name token is looked up by to find the other Latin spellings of a transliterated name (issue 21), kept per
 * token in person_name_tokens.name_forms (GIN): a query token reads the stored spellings that share a key with it.
 *
 * - `T:<key>`: its transliteration keys (Yusuf, Youssef, Jusuf: T:yosef; Alhassan also T:hasen, the name without
 *   the article, so "Al Hassan" written apart still meets it).
 * - `S:<skeleton>`: its consonants, on every token; `V:<skeleton>` too on a token with no vowel after its first letter,
 *   the way a name transliterated from Arabic script reads (يوسف -> ywsf). A Latin spelling looks up `V:` only, so
 *   the coarse skeleton (Hassan and Hussein are both hsn) links a script form to its Latin spellings, never two Latin
 *   spellings to each other; a vowelless token looks up `S:`.
 */
export function nameFormKeys(token: string): string[] {
  const skeleton = consonantSkeleton(token);
  const keys = [...tokenTransliterationKeys(token).map((k) => `T:${k}`), `S:${skeleton}`];
  if (isVowelless(token)) keys.push(`V:${skeleton}`);
  return [...new Set(keys)].sort();
}

/** The keys a query token looks stored spellings up by (see nameFormKeys). */
export function nameFormProbeKeys(token: string): string[] {
  const skeleton = consonantSkeleton(token);
  const keys = [...tokenTransliterationKeys(token).map((k) => `T:${k}`), `${isVowelless(token) ? 'S' : 'V'}:${skeleton}`];
  return [...new Set(keys)].sort();
}

/** No vowel after the first letter: a name as Arabic script writes it, without short vowels (ywsf, mhmd, ahmd). */
export function isVowelless(token: string): boolean {
  return token.length >= 2 && /^[a-z][^aeiou]*$/.test(token);
}

/**
 * Whether two different tokens are spellings of one transliterated name: they share a transliteration key, or one is
 * vowelless and they share the consonant skeleton.
 */
export function isTransliterationOf(a: string, b: string): boolean {
  if (a === b) return false;
  const probe = probeKeySet(a);
  return storedKeys(b).some((key) => probe.has(key));
}

const probeKeySet = remembered((token) => new Set(nameFormProbeKeys(token)) as ReadonlySet<string>);
const storedKeys = remembered((token) => nameFormKeys(token) as readonly string[]);

/**
 * Trigrams of a text as pg_trgm makes them: each word padded with two spaces before and one after. Remembered per text
 * (a common name's candidates repeat a few spellings thousands of times); read-only.
 */
export const trigrams = remembered((text): ReadonlySet<string> => {
  const out = new Set<string>();
  for (const word of text.split(' ')) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) out.add(padded.slice(i, i + 3));
  }
  return out;
}, 10_000);

/** pg_trgm's similarity of two trigram sets: shared over all. */
export function trigramSimilarity(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  let shared = 0;
  for (const trigram of x) if (y.has(trigram)) shared += 1;
  const all = x.size + y.size - shared;
  return all === 0 ? 0 : shared / all;
}

/**
 * The spelling similarity of two names when one was written in a script without short vowels: pg_trgm's similarity of
 * their consonant skeletons ("ywsf hdd" against "yusuf haddad" compares "ysf hd" with "ysf hd"). Letters alone would
 * say such names share almost nothing, which the trigram half of the person score would read as a different name.
 */
export function skeletonSimilarity(a: readonly string[], b: readonly string[]): number {
  return trigramSimilarity(trigrams(a.map(consonantSkeleton).join(' ')), trigrams(b.map(consonantSkeleton).join(' ')));
}
