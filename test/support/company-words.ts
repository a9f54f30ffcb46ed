/**
 * The five-letter words of "Comercializadora … Hermanos" companies (organization-names and check-page specs). With so
 * short a word, two such companies meet on the whole name's trigram and only the distinctive word tells them apart;
 * two random five-letter words agree as one edit apart about once in 60,000 pairs, and the suite compares about a dozen
 * pairs a run. Each role draws from letters no other role uses, so its word shares neither a trigram nor a typo with
 * another role's: a shuffle of five distinct letters, distinct within a word so a dropped letter leaves no trigram of
 * a doubled one behind.
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
