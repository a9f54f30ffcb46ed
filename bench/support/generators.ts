import { foldText } from '../../libs/deconfliction/normalize';
import type { ExactMatchType } from '../../libs/deconfliction/match-keys';
import type { OperationType } from '../../libs/contracts/case-items';
import { chance, gaussian, intBetween, pick, Rng, rngFor, uuidOf, zipfPicker } from './random';
import {
  ANGLO_GIVEN, ANGLO_SURNAMES, ARABIC_GIVEN, ARABIC_SURNAMES, CITIES, EMAIL_DOMAINS, HISPANIC_GIVEN, HISPANIC_SURNAMES,
  MONIKERS, MX_AREA_CODES, NEIGHBOURHOODS, ORG_FORMS, ORG_WORDS, PLATE_REGIONS, SERIAL_PREFIXES, STREET_KINDS, STREET_NAMES,
  US_AREA_CODES,
} from './vocabulary';

/**
 * Row generators: row i of each table is a pure function of (seed, i), so queries that must hit a stored value are
 * built by regenerating that row. Raw values are what an agent would type; the loader normalises them with the
 * production normalisers.
 */
export interface GenSpec { seed: number; caseCount: number; epochMs: number }

export interface IdentifierRow {
  id: string; itemId: string; caseIndex: number; matchType: ExactMatchType; raw: string; region: string | null;
  obliterated: boolean;
  /** The same value written another way (formatting, case, abbreviations): what a hit query sends. */
  alt: string; altRegion: string | null;
}

export interface PersonRow { id: string; caseIndex: number; given: string[]; surnames: string[]; fullName: string; dob: string | null }

export interface EventRow {
  id: string; caseIndex: number; type: OperationType; latitude: number; longitude: number; radiusMeters: number;
  startsAt: number; endsAt: number;
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => String(intBetween(rng, 0, 9))).join('');
const letters = (rng: Rng, n: number, alphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ') =>
  Array.from({ length: n }, () => alphabet[intBetween(rng, 0, alphabet.length - 1)]).join('');
const dedupeFolded = (names: string[]) => [...new Map(names.map((n) => [foldText(n), n])).values()];

/** Share of stored identifiers per type (organizations and obliterated serials are small, as in real case files). */
const TYPE_WEIGHTS: [ExactMatchType, number][] = [
  ['PHONE', 25], ['VEHICLE_PLATE', 15], ['VIN', 10], ['EMAIL', 15], ['ADDRESS', 10], ['FIREARM_SERIAL', 15],
  ['FFL_LICENSE', 5], ['ORGANIZATION', 5],
];
const TYPE_TOTAL = TYPE_WEIGHTS.reduce((s, [, w]) => s + w, 0);

function typeFor(rng: Rng): ExactMatchType {
  let x = rng() * TYPE_TOTAL;
  for (const [type, weight] of TYPE_WEIGHTS) { x -= weight; if (x < 0) return type; }
  return 'PHONE';
}

function phone(rng: Rng): [string, string] {
  if (chance(rng, 0.6)) {
    const [area, exchange, line] = [pick(rng, US_AREA_CODES), String(intBetween(rng, 200, 999)), digits(rng, 4)];
    return [`+1 (${area}) ${exchange}-${line}`, `${area}-${exchange}-${line}`];
  }
  const area = pick(rng, MX_AREA_CODES);
  const rest = digits(rng, 10 - area.length);
  // The pre-2019 mobile form (+52 1 ...) is still in records: the normaliser must read it as the same number.
  return [`+52 ${area} ${rest}`, `+52 1 ${area}${rest}`];
}

function plate(rng: Rng): [string, string] {
  const [head, tail] = [letters(rng, 3), digits(rng, 4)];
  return [`${head}-${tail}`, `${head.toLowerCase()} ${tail}`];
}

const VIN_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6,
  X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** North American VINs carry a check digit in position 9; the normaliser refuses a wrong one. */
function vin(rng: Rng): [string, string] {
  const chars = [String(intBetween(rng, 1, 5)), ...letters(rng, 7, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'), '0',
    ...letters(rng, 2, 'ABCDEFGHJKLMNPRSTUVWXYZ'), ...digits(rng, 6)];
  const sum = chars.reduce((t, ch, i) => t + (/\d/.test(ch) ? Number(ch) : VIN_VALUES[ch]) * VIN_WEIGHTS[i], 0);
  chars[8] = sum % 11 === 10 ? 'X' : String(sum % 11);
  const value = chars.join('');
  return [value, `${value.slice(0, 8).toLowerCase()} ${value.slice(8).toLowerCase()}`];
}

function email(rng: Rng): [string, string] {
  const local = `${foldText(pick(rng, HISPANIC_GIVEN)).split(' ')[0]}.${foldText(pick(rng, HISPANIC_SURNAMES)).replace(/ /g, '')}${intBetween(rng, 1, 9999)}`;
  const value = `${local}@${pick(rng, EMAIL_DOMAINS)}`;
  return [value, ` ${value.toUpperCase()}`];
}

const ABBREVIATION: Record<string, string> = {
  Calle: 'C.', Avenida: 'Av.', Boulevard: 'Blvd', Street: 'St.', Avenue: 'Ave', Road: 'Rd', Drive: 'Dr.', Carretera: 'Carr.',
};

function address(rng: Rng): [string, string] {
  const [number, kind, street, area, city] = [intBetween(rng, 1, 9999), pick(rng, STREET_KINDS), pick(rng, STREET_NAMES),
    pick(rng, NEIGHBOURHOODS), pick(rng, CITIES)[0]];
  const raw = `${number} ${kind} ${street}${area ? `, ${area}` : ''}, ${city}`;
  const alt = `${number} ${ABBREVIATION[kind]} ${street.toUpperCase()} ${area.replace('Colonia', 'Col.')} ${city}`;
  return [raw, alt];
}

function serial(rng: Rng): [string, string] {
  const value = `${pick(rng, SERIAL_PREFIXES)}${digits(rng, intBetween(rng, 6, 8))}`;
  return [value, `${value.slice(0, 2).toLowerCase()}-${value.slice(2)}`];
}

function ffl(rng: Rng): [string, string] {
  const parts = [digits(rng, 1), digits(rng, 2), digits(rng, 3), digits(rng, 2), `${digits(rng, 1)}${letters(rng, 1)}`, digits(rng, 5)];
  return [parts.join('-'), parts.join('')];
}

function organization(rng: Rng): [string, string] {
  const core = `${pick(rng, ORG_WORDS)} ${pick(rng, HISPANIC_SURNAMES)} ${pick(rng, ['Hermanos', 'del Norte', 'Internacional', 'Express', 'y Asociados', 'Group'])}`;
  const form = pick(rng, ORG_FORMS);
  return [`${core}${form ? ` ${form}` : ''}`, core.toUpperCase()];
}

const RAW: Record<ExactMatchType, (rng: Rng) => [string, string]> = {
  PHONE: phone, VEHICLE_PLATE: plate, VIN: vin, EMAIL: email, ADDRESS: address, FIREARM_SERIAL: serial,
  FFL_LICENSE: ffl, ORGANIZATION: organization,
};

/** Obliterates two characters in the middle, keeping readable runs on both sides (what a lab reads off a frame). */
export function obliterate(value: string, rng: Rng): string {
  const at = intBetween(rng, 4, Math.max(4, value.length - 6));
  return `${value.slice(0, at)}??${value.slice(at + 2)}`;
}

export function identifierAt(spec: GenSpec, index: number): IdentifierRow {
  const rng = rngFor(spec.seed, 'identifier', index);
  const matchType = typeFor(rng);
  let [raw, alt] = RAW[matchType](rng);
  const obliterated = matchType === 'FIREARM_SERIAL' && chance(rng, 0.05);
  if (obliterated) { raw = obliterate(raw, rng); alt = raw.toLowerCase(); }
  const region = matchType === 'VEHICLE_PLATE' ? pick(rng, PLATE_REGIONS) : null;
  return {
    id: uuidOf(rng), itemId: uuidOf(rng), caseIndex: intBetween(rng, 0, spec.caseCount - 1), matchType, raw, region,
    obliterated, alt, altRegion: region ? region.split('-')[1] : null,
  };
}

const hispanicGiven = zipfPicker(dedupeFolded(HISPANIC_GIVEN), 0.7);
const angloGiven = zipfPicker(dedupeFolded(ANGLO_GIVEN), 0.7);
const arabicGiven = zipfPicker(ARABIC_GIVEN, 0.7);
const hispanicSurname = zipfPicker(dedupeFolded(HISPANIC_SURNAMES), 0.7);
const angloSurname = zipfPicker(dedupeFolded(ANGLO_SURNAMES), 0.7);
const arabicSurname = zipfPicker(ARABIC_SURNAMES, 0.7);

const DAY_MS = 86_400_000;
const DOB_FROM = Date.UTC(1950, 0, 1);
const DOB_DAYS = (Date.UTC(2005, 11, 31) - DOB_FROM) / DAY_MS;

/** Distinct draws: a person does not carry the same name twice (except by a later variant). */
function distinct(rng: Rng, count: number, draw: (rng: Rng) => string): string[] {
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < 20; tries += 1) {
    const name = draw(rng);
    if (!out.some((o) => foldText(o) === foldText(name))) out.push(name);
  }
  return out;
}

/** 60% Hispanic (half with two surnames), 35% Anglo (a third with a middle name), 5% Arabic; 80% with a DOB. */
export function nameParts(rng: Rng): { given: string[]; surnames: string[] } {
  const culture = rng();
  if (culture < 0.6) {
    return { given: distinct(rng, chance(rng, 0.4) ? 2 : 1, hispanicGiven), surnames: distinct(rng, chance(rng, 0.5) ? 2 : 1, hispanicSurname) };
  }
  if (culture < 0.95) {
    return { given: distinct(rng, chance(rng, 0.33) ? 2 : 1, angloGiven), surnames: [angloSurname(rng)] };
  }
  return { given: distinct(rng, chance(rng, 0.3) ? 2 : 1, arabicGiven), surnames: [chance(rng, 0.7) ? arabicSurname(rng) : hispanicSurname(rng)] };
}

export function personAt(spec: GenSpec, index: number): PersonRow {
  const rng = rngFor(spec.seed, 'person', index);
  const { given, surnames } = nameParts(rng);
  const dob = chance(rng, 0.8) ? new Date(DOB_FROM + intBetween(rng, 0, DOB_DAYS) * DAY_MS).toISOString().slice(0, 10) : null;
  return { id: uuidOf(rng), caseIndex: intBetween(rng, 0, spec.caseCount - 1), given, surnames, fullName: [...given, ...surnames].join(' '), dob };
}

/**
 * Every ALIAS_EVERY-th stored person also carries an alias (another full name), every MONIKER_EVERY-th a one-word
 * moniker: rows of their own under the person (person_keys.subject_id), as a subject's other names are stored.
 */
export const ALIAS_EVERY = 20;
export const MONIKER_EVERY = 100;

export type OtherNameForm = 'ALIAS' | 'MONIKER';

/** The alias or moniker of stored person `index` (which must be a multiple of that form's interval). */
export function otherNameAt(spec: GenSpec, index: number, form: OtherNameForm): string {
  const rng = rngFor(spec.seed, form === 'ALIAS' ? 'person-alias' : 'person-moniker', index);
  if (form === 'MONIKER') return pick(rng, MONIKERS);
  const { given, surnames } = nameParts(rng);
  return [...given, ...surnames].join(' ');
}

const CITY_TOTAL = CITIES.reduce((s, c) => s + c[3], 0);
const OPERATION_TYPES: OperationType[] = ['SEARCH_WARRANT', 'SURVEILLANCE', 'CONTROLLED_DELIVERY', 'UNDERCOVER', 'ARREST'];
const HOUR_MS = 3_600_000;
/** Planned operations span two years: from six months back to eighteen months ahead of the bench's epoch. */
export const EVENT_WINDOW = { fromDays: -182, toDays: 548 };

/** 70% within ~15 km of a city (weighted towards the border), 30% anywhere in a North America box. */
export function locationFor(rng: Rng): [number, number] {
  if (chance(rng, 0.3)) return [round6(15 + rng() * 45), round6(-130 + rng() * 70)];
  let x = rng() * CITY_TOTAL;
  const city = CITIES.find((c) => (x -= c[3]) < 0) ?? CITIES[0];
  const latitude = city[1] + (gaussian(rng) * 15) / 111.32;
  const longitude = city[2] + (gaussian(rng) * 15) / (111.32 * Math.cos((city[1] * Math.PI) / 180));
  return [round6(latitude), round6(longitude)];
}

export const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

export function windowFor(rng: Rng, epochMs: number): [number, number] {
  const startsAt = epochMs + intBetween(rng, EVENT_WINDOW.fromDays * 24, EVENT_WINDOW.toDays * 24) * HOUR_MS + intBetween(rng, 0, 3) * 15 * 60_000;
  return [startsAt, startsAt + intBetween(rng, 1, 12) * HOUR_MS];
}

export function eventAt(spec: GenSpec, index: number): EventRow {
  const rng = rngFor(spec.seed, 'event', index);
  const [latitude, longitude] = locationFor(rng);
  const [startsAt, endsAt] = windowFor(rng, spec.epochMs);
  return {
    id: uuidOf(rng), caseIndex: intBetween(rng, 0, spec.caseCount - 1), type: pick(rng, OPERATION_TYPES), latitude, longitude,
    radiusMeters: intBetween(rng, 50, 2000), startsAt, endsAt,
  };
}
