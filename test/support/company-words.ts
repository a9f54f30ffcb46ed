/**
 * The five-letter words of "Comercializadora … Hermanos" companies (organization-names and check-page specs). With so
 * short a word, two such companies meet on the whole name's trigram and only the distinctive word tells them apart;
 * two random five-letter words agree (one edit apart, or close in trigrams) about once in 80,000 pairs, and the suite
 * compares about a dozen pairs a run. Each role draws from letters no other role uses, so its word shares neither a
 * trigram nor a typo with another role's. Each role is stored at most once a run: two shuffles of the same five
 * letters are often one swap apart, which counts as one edit.
 */
const LETTERS = {
  /** Stored by organization-names: the generic namesakes that must not meet each other. */
  namesake: 'bcdfg',
  otherNamesake: 'hjklm',
  /** Stored by organization-names, then checked abbreviated. */
  abbreviated: 'npqrs',
  /** Stored by check-page, then checked abbreviated: it must meet that company alone. */
  checkedInBrowser: 'tvwxz',
  /** Checked only, never stored: it must meet no company at all. */
  generic: 'aeiou',
} as const;

export function companyWord(role: keyof typeof LETTERS): string {
  const letters = [...LETTERS[role]];
  for (let i = letters.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [letters[i], letters[j]] = [letters[j], letters[i]];
  }
  return letters[0].toUpperCase() + letters.slice(1).join('');
}
