import type { HitFinding } from './hit-record';

type Lang = 'en' | 'es';

/**
 * An operation's reason gives the distance between the two areas, the other operation's radius and how long the
 * windows overlap: from their own operation an agent could place the other agency's (issue 22's undercover probe).
 */
const EVENT: Record<Lang, string> = {
  en: 'operation areas touch and the time windows overlap',
  es: 'las áreas de operación se tocan y las ventanas de tiempo se traslapan',
};

/** Which readable part met says which part of the other agency's serial could still be read. */
const PARTIAL_SERIAL: Record<Lang, string> = {
  en: 'obliterated serial: the readable part of one serial is found in the other',
  es: 'número de serie borrado: la parte legible de uno aparece en el otro',
};

/** The last part of a promoted review item's hit reason: the coordinator, not the data, decided it (review.service.ts). */
export const PROMOTED: Record<Lang, string> = { en: 'promoted by a coordinator', es: 'elevada por un coordinador' };

/** The other organization's distinctive words are its name: what agreed is said, not the words. */
const DISTINCTIVE_WORDS = {
  en: { segment: /^distinctive words /, text: 'distinctive words agree' },
  es: { segment: /^palabras distintivas /, text: 'las palabras distintivas coinciden' },
};

/** "(Bob/Robert)": a nickname's or a transliteration's two spellings, the second the other side's. */
const SPELLING_PAIRS = / \([^()]*\/[^()]*\)/g;

/**
 * The reason a side of a hit reads (api.md lists `reason` in a case's hits), in the reader's language: the desk's
 * reason less what is the other record's. A case agent learns how the values met (same DOB, name 3 of 4 tokens
 * agree, phone equal after normalization), never the other side's spelling, words, serial or operation; the desk
 * reads both in full. Pure; the English reason, always written, decides what is kept.
 */
export function pointerReason(hit: Pick<HitFinding, 'matchType' | 'reason' | 'reasonEs'>, lang: Lang): string {
  if (hit.matchType === 'EVENT') return EVENT[lang];
  if (hit.matchType === 'FIREARM_SERIAL' && hit.reason.startsWith('obliterated serial')) {
    // A COMMON_SERIAL_PART item's candidate became a hit because the desk named it: the agent reads that too.
    return hit.reason.endsWith(`; ${PROMOTED.en}`) ? `${PARTIAL_SERIAL[lang]}; ${PROMOTED[lang]}` : PARTIAL_SERIAL[lang];
  }
  const reason = lang === 'es' && hit.reasonEs ? hit.reasonEs : hit.reason;
  const words = DISTINCTIVE_WORDS[lang === 'es' && hit.reasonEs ? 'es' : 'en'];
  return reason.split('; ')
    .map((segment) => (words.segment.test(segment) ? words.text : segment.replace(SPELLING_PAIRS, '')))
    .join('; ');
}
