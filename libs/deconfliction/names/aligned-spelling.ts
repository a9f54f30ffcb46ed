import { AlignedPair, editDistanceAtMost2 } from '../person-tokens';
import { isTransliterationOf, trigrams, trigramSimilarity } from './name-form-keys';

/**
 * The spelling half of the person score for a name that agreed through another form of a token (issue 21): the
 * trigram similarity once each such query token is written as the stored token it agreed with. "Marilyn Collins"
 * against "Mary Collins" shares few trigrams although every token agrees (a nickname counted 0.8), and the score fell
 * short on spelling alone; the token that agreed as a nickname then weighs what the token half gives it, no more.
 *
 * Rewritten: nicknames, other transliterations and typos, and tokens that agree by sound when they are also one edit
 * apart (Rmaírez/Ramírez) or spellings of one transliterated name (Yousif/Yusuf). Two names that only sound alike
 * (Hassan/Hussein, both HSN) keep their own spellings, so the trigram still tells them apart. Nothing rewritten: 0 (the
 * folded names' trigram stands).
 */
export function alignedSimilarity(query: readonly string[], stored: readonly string[], pairs: readonly AlignedPair[]): number {
  // Copied only once a token is rewritten: most of a common name's candidates have none, and thousands are graded.
  let rewritten: string[] | null = null;
  for (const { i, j, kind } of pairs) {
    const [a, b] = [query[i], stored[j]];
    if (kind === 'exact' || a === b) continue;
    const sameName = kind === 'nickname' || kind === 'transliteration' || kind === 'typo'
      || (kind === 'sound' && (editDistanceAtMost2(a, b) === 1 || isTransliterationOf(a, b)));
    if (sameName) (rewritten ??= [...query])[i] = b;
  }
  return rewritten === null ? 0 : tokenSimilarity(rewritten, stored);
}

/** pg_trgm's similarity of two token lists, each read as the words of one text. */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  return trigramSimilarity(trigrams(a.join(' ')), trigrams(b.join(' ')));
}
