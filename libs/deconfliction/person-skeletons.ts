import { consonantSkeleton, splitPrefix } from './names/transliteration-key';
import { transliterationWords } from './names/transliteration-words';
import { pairKeys } from './person-tokens';

/**
 * The blocking key for names written in another script or transliterated (issue 21): what a name keeps however its
 * vowels were written, or whether they were written at all. Pure and table-tested; person_keys stores both values
 * (migration PersonSkeletons, GIN on `pairs`), so a query written in Arabic script is blocked on two words' skeletons
 * agreeing and cut off by the similarity of the skeleton names, as a Latin query is by pair keys and the trigram.
 */
export interface PersonSkeleton {
  /** Each word's skeleton, sorted and joined by spaces: what pg_trgm compares (person_keys.skeleton_name). */
  name: string;
  /** Every pair of two different words' skeletons, 'a|b' with a <= b (person_keys.skeleton_pairs). */
  pairs: string[];
}

/**
 * One word's consonant skeleton without the article: Al-Haddad, El Haddad, Alhaddad and Haddad are one key (hd); "Abd
 * al-" stays (Abdullah is bdl, not l). Hassan and Hussein share theirs (hsn): the skeleton is what Arabic script
 * writes, which tells them apart only by a long vowel the Latin spellings do not write alike, so it blocks, and the
 * token rules (transliteration keys, names/name-form-keys.ts) keep the two Latin spellings apart in the score.
 */
export function wordSkeleton(word: string): string {
  const { prefix, rest } = splitPrefix(word);
  // A final h is written in the script (الله, صالح) and left out by some Latin spellings (Abdulla, Fatima).
  return consonantSkeleton(prefix === 'al' ? rest : word).replace(/(.)h$/, '$1');
}

/** A name as written (any script) to its skeleton name and pairs; "Abd al-" and the article are joined first. */
export function personSkeleton(written: string): PersonSkeleton {
  const skeletons = [...new Set(transliterationWords(written).map(wordSkeleton).filter((s) => s.length > 0))].sort();
  return { name: skeletons.join(' '), pairs: pairKeys(skeletons.map((s) => [s])) };
}
