import { parsePhoneNumberFromString, CountryCode } from 'libphonenumber-js';

/**
 * Normalisers turn what agents type into the values deconfliction matches on. Each is pure; an unusable value is
 * reported as `null` (the caller answers 400 naming the field), never silently stored as something else.
 */

/** Accents and case folded, punctuation to spaces, whitespace collapsed. */
export function foldText(value: string): string {
  return value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * E.164, reading national numbers in the agency's country (US, MX, CA). Mexican numbers written the pre-2019 way
 * (mobile "1" after +52, or the 044/045 mobile prefixes) still appear in records and are read as today's number.
 */
export function normalizePhone(value: string, defaultCountry: CountryCode): string | null {
  const compact = value.replace(/[\s().-]/g, '');
  const legacyMexican = /^\+?521(\d{10})$/.exec(compact) ?? (defaultCountry === 'MX' ? /^04[45](\d{10})$/.exec(compact) : null);
  const parsed = legacyMexican
    ? parsePhoneNumberFromString(`+52${legacyMexican[1]}`)
    : parsePhoneNumberFromString(value, defaultCountry);
  return parsed && parsed.isPossible() ? parsed.number : null;
}

/** Upper case without spaces, dashes or dots; the issuing region is kept alongside, not mixed in. */
export function normalizePlate(value: string): string | null {
  const plate = value.toUpperCase().replace(/[\s\-.·]/g, '');
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
  const vin = value.toUpperCase().replace(/[\s\-]/g, '');
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return null;
  const sum = [...vin].reduce((total, ch, i) => total + (/\d/.test(ch) ? Number(ch) : VIN_VALUES[ch]) * VIN_WEIGHTS[i], 0);
  const expected = sum % 11 === 10 ? 'X' : String(sum % 11);
  const northAmerican = /^[1-5]/.test(vin);
  if (northAmerican && vin[8] !== expected) return null;
  return vin;
}

export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/** Serial numbers without punctuation or spaces, upper case; `?`/`*` mark obliterated characters and are kept. */
export function normalizeSerial(value: string): string | null {
  const serial = value.toUpperCase().replace(/[^A-Z0-9?*]/g, '').replace(/\*/g, '?');
  return /[A-Z0-9]/.test(serial) ? serial : null;
}

/** The readable runs of a partially obliterated serial, longest first (what an obliterated serial matches on). */
export function readableSerialParts(serial: string, minLength = 3): string[] {
  return serial.split('?').filter((part) => part.length >= minLength).sort((a, b) => b.length - a.length);
}

/** Federal firearms licence numbers (x-xx-xxx-xx-xx-xxxxx) compared on their 15 characters without dashes. */
export function normalizeFflLicense(value: string): string | null {
  const digits = value.toUpperCase().replace(/[^0-9A-Z]/g, '');
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
