import { transliterate } from 'transliteration';
import { foldText, nameTokens } from '../normalize';
import { consonantSkeleton, transliterationKey } from './transliteration-key';

const LATIN_LETTER = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;
const ARABIC_LETTER = /\p{Script=Arabic}/u;
// Short vowels, shadda, sukun, superscript alif and tatweel: the library spells shadda as "W" (محمّد -> mHmWd).
const ARABIC_MARKS = /[\u064b-\u065f\u0670\u0640]/g;

/**
 * A word of another script in Latin letters, by the `transliteration` library (Владимир -> Vladimir, Юсуф -> Yusuf).
 * Arabic script keeps no short vowels (يوسف -> ywsf, محمد -> mHmd): its vowel marks are dropped first, and of the
 * library's ASCII conventions, hamza ('), alif maqsura (~) and ta marbuta (@) are dropped and ghain (G) is written
 * gh, so the result folds into one word.
 */
function wordToLatin(word: string): string {
  if (!ARABIC_LETTER.test(word)) return transliterate(word);
  return transliterate(word.replace(ARABIC_MARKS, '')).replace(/['~@]/g, '').replace(/G/g, 'gh');
}

/**
 * A written name with its words in other scripts (Cyrillic, Greek, Arabic, ...) in Latin letters, before folding.
 * Only words without a Latin letter are transliterated: a Latin word with a look-alike letter of another script in it
 * ("Реrez" with a Cyrillic Р) is left to `canonicalText`, which reads the look-alike as the Latin letter it imitates.
 */
export function toLatin(written: string): string {
  return written.split(/(\s+)/).map((word) => (LETTER.test(word) && !LATIN_LETTER.test(word) ? wordToLatin(word) : word)).join('');
}

/** Apostrophes and the ayn and hamza half-rings of scholarly transliteration are not word breaks (Sa'id, Ma'mun). */
const INNER_MARKS = /['’‘`ʿʾʻʼ]/g;

const ALWAYS_ARTICLE = new Set(['al', 'el', 'ul']);
/** The article takes the next word's first consonant when that is a "sun letter" (ar-Rahman, ad-Din, as-Sayed). */
const SUN_ARTICLE = /^[aeu](t|th|d|dh|r|z|s|sh|n)$/;
const ABD = /^a*bd(?:[aeiou]l?)?$/;

function isArticle(word: string, next: string): boolean {
  const sun = SUN_ARTICLE.exec(word);
  return ALWAYS_ARTICLE.has(word) || (sun !== null && next.startsWith(sun[1]));
}

/**
 * The name's words in order with the article and "Abd" joined to the word they belong to, the article written "al"
 * when it stood alone: "Abd ar-Rahman", "Abdul Rahman" and "Abdulrahman" become one word, so do "Al-Hassan",
 * "El Hassan" and "Alhassan". Particles matching drops ("de la") are dropped here too.
 */
export function transliterationWords(written: string): string[] {
  const words = foldText(toLatin(written).replace(INNER_MARKS, '')).split(' ').filter(Boolean);
  const joined: string[] = [];
  let pending = ''; // an "Abd" or an article waiting for the word it belongs to
  words.forEach((word, i) => {
    const next = words[i + 1];
    if (next !== undefined && isArticle(word, next)) pending += 'al';
    else if (next !== undefined && ABD.test(word)) pending += word;
    else {
      joined.push(pending + word);
      pending = '';
    }
  });
  return joined.filter((word) => nameTokens(word).length > 0);
}

/** The name's transliteration keys (one per word, sorted, unique): what two Latin spellings of one name share. */
export function transliterationKeys(written: string): string[] {
  return [...new Set(transliterationWords(written).map(transliterationKey))].sort();
}

/** The name's consonant skeletons (sorted, unique): what a name written in Arabic script shares with its Latin spellings. */
export function skeletonKeys(written: string): string[] {
  return [...new Set(transliterationWords(written).map(consonantSkeleton))].sort();
}
