import { intBetween, pick, Rng } from './random';

/**
 * How an agent writes an organization another agency stored (generators.ts: "<trade> <surname> <ending> <legal form>"):
 * in capitals without the legal form; with a typo in the surname, the word that tells companies of one trade apart;
 * with the ending abbreviated as company registers do; or without its trade word. Recall per variant shows what a
 * rule on the words that tell names apart keeps and what whole-name blocking already lost.
 */
export const ORGANIZATION_VARIANTS = ['capitals', 'surname typo', 'abbreviated', 'trade dropped'] as const;
export type OrganizationVariant = typeof ORGANIZATION_VARIANTS[number];

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bHermanos\b/, 'Hnos.'], [/\bInternacional\b/, 'Intl.'], [/\bAsociados\b/, 'Asoc.'], [/\bGroup\b/, 'Grp.'],
  [/\bExpress\b/, 'Exp.'], [/\bNorte\b/, 'Nte.'],
];

/** One letter of the word dropped, or two neighbours swapped, away from its first and last letters. */
function typo(word: string, rng: Rng): string {
  if (word.length < 4) return word;
  const i = intBetween(rng, 1, word.length - 3);
  const dropped = word.slice(0, i) + word.slice(i + 1);
  // Swapping two equal letters ("Cabello") would leave the word as it was.
  return pick(rng, [true, false]) || word[i] === word[i + 1] ? dropped : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

/** `core`: the stored name without its legal form ("Comercializadora Calderón Hermanos"). */
export function organizationVariant(core: string, variant: OrganizationVariant, rng: Rng): string {
  const [trade, surname, ...ending] = core.split(' ');
  switch (variant) {
    case 'capitals': return core.toUpperCase();
    case 'surname typo': return [trade, typo(surname, rng), ...ending].join(' ');
    case 'abbreviated': return ABBREVIATIONS.reduce((name, [word, short]) => name.replace(word, short), core);
    case 'trade dropped': return [surname, ...ending].join(' ');
  }
}
