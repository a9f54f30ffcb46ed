import { foldText } from '../../libs/deconfliction/normalize';
import { ALIAS_EVERY, GenSpec, MONIKER_EVERY, otherNameAt, PersonRow, personAt } from './generators';
import { nicknameForm, transliterationForm } from './name-form-variants';
import { chance, intBetween, pick, Rng, rngFor } from './random';
import { SPELLING_VARIANTS } from './vocabulary';

/**
 * How another agency writes a person already on file. Each query applies one variant class to a stored person, and
 * keeps the date of birth in 70% of the cases where one is on file.
 */
export const VARIANT_CLASSES = [
  'accents', 'order', 'dropSurname', 'typo', 'spelling', 'nickname', 'transliteration', 'script', 'alias', 'moniker',
] as const;
export type VariantClass = (typeof VARIANT_CLASSES)[number];

export interface PersonQuery { source: PersonRow; variant: VariantClass; fullName: string; dob: string | null }

const stripAccents = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };

/** Accents removed where written, added to one vowel where not: folding must make both the same name. */
function toggleAccents(p: PersonRow, rng: Rng): string {
  if (stripAccents(p.fullName) !== p.fullName) return stripAccents(p.fullName);
  const surname = p.surnames[p.surnames.length - 1];
  const vowels = [...surname].map((ch, i) => (ACCENTED[ch] ? i : -1)).filter((i) => i >= 0);
  if (vowels.length === 0) return p.fullName.toUpperCase();
  const at = pick(rng, vowels);
  const accented = `${surname.slice(0, at)}${ACCENTED[surname[at]]}${surname.slice(at + 1)}`;
  return [...p.given, ...p.surnames.slice(0, -1), accented].join(' ');
}

/** Surnames first, as Mexican records and many forms write them, with or without the comma. */
const swapOrder = (p: PersonRow, rng: Rng) => `${p.surnames.join(' ')}${chance(rng, 0.5) ? ',' : ''} ${p.given.join(' ')}`;

/** The maternal surname left out (US forms have one surname field). */
const dropSecondSurname = (p: PersonRow) => (p.surnames.length < 2 ? null : [...p.given, p.surnames[0]].join(' '));

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One letter substituted, dropped, added or swapped with its neighbour, in one word of four letters or more. */
function typo(p: PersonRow, rng: Rng): string | null {
  const words = p.fullName.split(' ');
  const candidates = words.map((w, i) => (foldText(w).length >= 4 ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return null;
  const wi = pick(rng, candidates);
  const word = words[wi];
  const at = intBetween(rng, 1, word.length - 2);
  const letter = LETTERS[intBetween(rng, 0, 25)];
  const edits = [
    () => `${word.slice(0, at)}${letter}${word.slice(at + 1)}`,
    () => `${word.slice(0, at)}${word.slice(at + 1)}`,
    () => `${word.slice(0, at)}${letter}${word.slice(at)}`,
    () => `${word.slice(0, at)}${word[at + 1]}${word[at]}${word.slice(at + 2)}`,
  ];
  const edited = pick(rng, edits)();
  if (foldText(edited) === foldText(word)) return null;
  words[wi] = edited;
  return words.join(' ');
}

/** A transliteration or regional spelling of one of the names (Mohammed/Muhammad, Vázquez/Vásquez). */
function respell(p: PersonRow, rng: Rng): string | null {
  const parts = [...p.given, ...p.surnames];
  const known = parts.map((part, i) => (SPELLING_VARIANTS[part] ? i : -1)).filter((i) => i >= 0);
  if (known.length === 0) return null;
  const i = pick(rng, known);
  parts[i] = pick(rng, SPELLING_VARIANTS[parts[i]]);
  return parts.join(' ');
}

function variantName(spec: GenSpec, index: number, p: PersonRow, variant: VariantClass, rng: Rng): string | null {
  switch (variant) {
    // Issue 21: the stored person carries an alias or a moniker (person-load.ts), and the query names it by that.
    case 'alias': return otherNameAt(spec, index, 'ALIAS');
    case 'moniker': return otherNameAt(spec, index, 'MONIKER');
    case 'accents': return toggleAccents(p, rng);
    case 'order': return swapOrder(p, rng);
    case 'dropSurname': return dropSecondSurname(p);
    case 'typo': return typo(p, rng);
    case 'spelling': return respell(p, rng);
    // Issue 21: a given name as its nickname, an Arabic name in another Latin spelling, or in Arabic script.
    case 'nickname': return nicknameForm(p, rng);
    case 'transliteration': return transliterationForm(p, rng);
    case 'script': return transliterationForm(p, rng, true);
  }
}

/**
 * `count` queries, the classes in turn. A class that does not apply to the drawn person (no second surname, no known
 * respelling) draws another stored person, so every class gets its share.
 */
export function personQueries(spec: GenSpec, storedRows: number, count: number): PersonQuery[] {
  const queries: PersonQuery[] = [];
  for (let q = 0, draw = 0; queries.length < count; q += 1) {
    const variant = VARIANT_CLASSES[q % VARIANT_CLASSES.length];
    for (let tries = 0; tries < 5000; tries += 1, draw += 1) {
      const rng = rngFor(spec.seed, 'person-query', draw);
      const every = variant === 'alias' ? ALIAS_EVERY : variant === 'moniker' ? MONIKER_EVERY : 1;
      const index = every * intBetween(rng, 0, Math.floor((storedRows - 1) / every));
      const source = personAt(spec, index);
      const fullName = variantName(spec, index, source, variant, rng);
      if (fullName === null) continue;
      queries.push({ source, variant, fullName, dob: source.dob !== null && chance(rng, 0.7) ? source.dob : null });
      draw += 1;
      break;
    }
  }
  return queries;
}
