import type { CountryCode } from 'libphonenumber-js';
import { uuidFrom } from '../common/deterministic-id';
import type { CaseItems, IdentifierType, Operation, WithId } from '../contracts/case-items';
import {
  foldText, nameTokens, normalizeAddress, normalizeEmail, normalizeFflLicense, normalizePhone, normalizePlate,
  normalizeSerial, normalizeVin, readableSerialParts,
} from './normalize';
import { toLatin } from './names/transliteration-words';
import { MIN_TYPO_TOKEN_LENGTH, spellingVariants } from './person-tokens';
import { subjectNames } from './name-forms';
import type { NameForm } from '../contracts/case-items';

/** What a value is matched as; identifiers keep their own type, subjects become PERSON or ORGANIZATION. */
export type ExactMatchType = IdentifierType | 'ORGANIZATION';
export type MatchType = ExactMatchType | 'PERSON' | 'EVENT';
export const MATCH_TYPES: readonly MatchType[] = [
  'PERSON', 'ORGANIZATION', 'PHONE', 'VEHICLE_PLATE', 'VIN', 'ADDRESS', 'EMAIL', 'FIREARM_SERIAL', 'FFL_LICENSE', 'EVENT',
];

export interface ExactKey {
  id: string;
  itemId: string;
  matchType: ExactMatchType;
  norm: string;
  /** A readable part of an obliterated serial: it matches serials that contain it. */
  partial: boolean;
  region: string | null;
  displayValue: string;
  /** Organizations: which of the subject's names this is (issue 21); absent, the legal name. */
  form?: NameForm;
}

/**
 * A person name to store and probe. A subject's aliases and monikers are keys of their own (`id`) under the subject
 * (`subjectId`, the item a hit points at) with their `form`; the legal name keeps the subject's id as its key.
 */
export interface PersonKey {
  id: string; fullName: string; folded: string; tokens: string[]; dateOfBirth: string | null; subjectId?: string; form?: NameForm;
}

/** The subject item a person key belongs to. */
export const personItemId = (p: PersonKey): string => p.subjectId ?? p.id;

export interface EventKey {
  id: string;
  operationType: string;
  latitude: number;
  longitude: number;
  radiusMeters: number;
  startsAt: string;
  endsAt: string;
  /** What the owning side reads as its matched value: its own operation, in one line. */
  displayValue: string;
}

export interface ItemKeys { exact: ExactKey[]; persons: PersonKey[]; events: EventKey[] }

export interface KeyOptions {
  /** The agency's country: how national phone numbers are read. */
  country: CountryCode;
  /** Shortest readable run of an obliterated serial worth matching on. */
  serialMinReadable: number;
  defaultRadiusMeters: number;
}

const COUNTRIES = new Set(['US', 'MX', 'CA']);

/** "US-AZ", "us az" and "AZ" are one region; a bare "CA" stays California-or-Canada as written. */
export function normalizeRegion(region: string | null | undefined): string | null {
  if (!region) return null;
  const compact = region.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact.length === 0) return null;
  return compact.length > 2 && COUNTRIES.has(compact.slice(0, 2)) ? compact.slice(2) : compact;
}

function phoneCountry(region: string | null | undefined, fallback: CountryCode): CountryCode {
  const prefix = region?.toUpperCase().slice(0, 2);
  return prefix && COUNTRIES.has(prefix) ? (prefix as CountryCode) : fallback;
}

const ORGANIZATION_NOISE = new Set([
  'sa', 'de', 'cv', 'rl', 'srl', 'sapi', 'inc', 'llc', 'ltd', 'corp', 'co', 'company', 'the', 'el', 'la', 'los', 'las', 'del',
]);

/** Organization names folded, with legal forms and articles dropped ("S.A. de C.V.", "LLC", "el", "the"). */
export function normalizeOrganization(name: string): string | null {
  // Dots go before folding so that "S.A. de C.V." reads as the legal form "sa de cv", not as loose letters.
  const words = foldText(name.replace(/\./g, '')).split(' ').filter((w) => w && !ORGANIZATION_NOISE.has(w));
  return words.length > 0 ? words.join(' ') : null;
}

/**
 * Normalized forms an identifier is matched on, or null when it cannot be read (the API answers 400 naming it).
 * A serial with obliterated characters (`?`) or flagged obliterated yields its readable parts instead.
 */
export function identifierNorms(
  type: IdentifierType, value: string, region: string | null | undefined, options: KeyOptions, obliterated = false,
): { norm: string; partial: boolean }[] | null {
  const single = (norm: string | null) => (norm === null ? null : [{ norm, partial: false }]);
  switch (type) {
    case 'PHONE': return single(normalizePhone(value, phoneCountry(region, options.country)));
    case 'VEHICLE_PLATE': return single(normalizePlate(value));
    case 'VIN': return single(normalizeVin(value));
    case 'ADDRESS': return single(normalizeAddress(value));
    case 'EMAIL': return single(normalizeEmail(value));
    case 'FFL_LICENSE': return single(normalizeFflLicense(value));
    case 'FIREARM_SERIAL': return serialNorms(value, obliterated, options.serialMinReadable);
  }
}

export function serialNorms(value: string, obliterated: boolean, minReadable: number): { norm: string; partial: boolean }[] | null {
  const serial = normalizeSerial(value);
  if (serial === null) return null;
  if (!obliterated && !serial.includes('?')) return [{ norm: serial, partial: false }];
  const parts = readableSerialParts(serial, minReadable);
  return parts.length > 0 ? parts.map((norm) => ({ norm, partial: true })) : null;
}

/** Every run of `minLength` characters or more: the stored readable parts a full serial can contain. */
export function serialSubstrings(serial: string, minLength: number): string[] {
  const out = new Set<string>();
  for (let start = 0; start < serial.length; start += 1) {
    for (let end = start + minLength; end <= serial.length; end += 1) out.add(serial.slice(start, end));
  }
  return [...out];
}

const keyId = (itemId: string, matchType: string, norm: string, partial: boolean) =>
  uuidFrom(`${itemId}\n${matchType}\n${norm}\n${partial}`);

function exactKeys(
  itemId: string, matchType: ExactMatchType, norms: { norm: string; partial: boolean }[] | null, displayValue: string,
  region: string | null,
): ExactKey[] {
  return (norms ?? []).map(({ norm, partial }) => ({
    id: keyId(itemId, matchType, norm, partial), itemId, matchType, norm, partial, region, displayValue,
  }));
}

function eventKey(o: WithId<Operation>, defaultRadiusMeters: number): EventKey {
  const radiusMeters = o.radiusMeters ?? defaultRadiusMeters;
  const startsAt = new Date(o.startsAt).toISOString();
  const endsAt = new Date(o.endsAt).toISOString();
  return {
    id: o.id, operationType: o.type, latitude: o.latitude, longitude: o.longitude, radiusMeters, startsAt, endsAt,
    displayValue: `${o.type} ${startsAt}/${endsAt} within ${radiusMeters} m of ${o.latitude},${o.longitude}`,
  };
}

/** The keys one batch of case items is stored and probed under. Unreadable values yield no key (the API refused them). */
export function keysForItems(batch: CaseItems, options: KeyOptions): ItemKeys {
  const keys: ItemKeys = { exact: [], persons: [], events: [] };
  switch (batch.kind) {
    case 'identifiers':
      for (const i of batch.items) {
        const region = i.type === 'VEHICLE_PLATE' ? normalizeRegion(i.region) : null;
        keys.exact.push(...exactKeys(i.id, i.type, identifierNorms(i.type, i.value, i.region, options), i.value, region));
      }
      break;
    case 'firearms':
      for (const f of batch.items) {
        const norms = serialNorms(f.serialNumber, f.serialObliterated ?? false, options.serialMinReadable);
        keys.exact.push(...exactKeys(f.id, 'FIREARM_SERIAL', norms, f.serialNumber, null));
      }
      break;
    case 'subjects':
      // Every name of the subject (legal name, aliases, monikers) is a key of its own, each with its form.
      for (const s of batch.items) {
        for (const { form, name } of subjectNames(s)) {
          if (s.kind === 'ORGANIZATION') {
            const norm = normalizeOrganization(name);
            const found = exactKeys(s.id, 'ORGANIZATION', norm ? [{ norm, partial: false }] : null, name, null);
            keys.exact.push(...found.map((k) => (form === 'LEGAL' ? k : { ...k, form })));
            continue;
          }
          // A name in another script (Cyrillic, Arabic, Greek) is matched in Latin letters (issue 21); shown as written.
          const latin = toLatin(name);
          const tokens = nameTokens(latin);
          if (tokens.length === 0) continue;
          const person: PersonKey = { id: s.id, fullName: name, folded: foldText(latin), tokens, dateOfBirth: s.dateOfBirth ?? null };
          keys.persons.push(form === 'LEGAL' ? person : { ...person, id: uuidFrom(`${s.id}\nperson-form\n${form}\n${person.folded}`), subjectId: s.id, form });
        }
      }
      break;
    case 'operations':
      keys.events.push(...batch.items.map((o) => eventKey(o, options.defaultRadiusMeters)));
      break;
  }
  return keys;
}

/**
 * Advisory-lock names that serialise two transactions which could match each other, so that two agencies entering
 * the same value at the same instant cannot both miss the other's uncommitted row:
 * exact values lock (type, value); serials lock every readable run (a full serial and a part it contains share one);
 * organizations (rare, matched by similarity) share one lock; persons lock each phonetic code (any two persons that can match share one) and each
 * one-letter-deleted form of their longer tokens (a typo and the spelling it misses share one, see spellingVariants);
 * events lock the 1-degree cells their search box touches (two touching areas share the cell of each other's centre).
 */
export function lockNamesFor(keys: ItemKeys, personCodes: string[], maxRadiusMeters: number, serialMinReadable: number): string[] {
  const names = new Set<string>();
  for (const key of keys.exact) {
    if (key.matchType === 'FIREARM_SERIAL') {
      for (const run of serialSubstrings(key.norm, serialMinReadable)) names.add(`serial:${run}`);
    } else if (key.matchType === 'ORGANIZATION') {
      names.add('organization');
    } else {
      names.add(`${key.matchType}:${key.norm}`);
    }
  }
  for (const code of personCodes) names.add(`person:${code}`);
  for (const token of keys.persons.flatMap((p) => p.tokens)) {
    if (token.length < MIN_TYPO_TOKEN_LENGTH) continue;
    for (const variant of spellingVariants(token)) names.add(`person-spelling:${variant}`);
  }
  for (const event of keys.events) for (const cell of eventCells(event, maxRadiusMeters)) names.add(`event:${cell}`);
  return [...names].sort();
}

const METERS_PER_DEGREE_LAT = 111_320;

/** 1-degree cells covered by the box around an event's centre that can reach any other event's area. */
export function eventCells(event: Pick<EventKey, 'latitude' | 'longitude' | 'radiusMeters'>, maxRadiusMeters: number): string[] {
  const reach = event.radiusMeters + maxRadiusMeters;
  const dLat = reach / METERS_PER_DEGREE_LAT;
  const cosLat = Math.max(Math.cos(((Math.abs(event.latitude) + dLat) * Math.PI) / 180), 0.01);
  const dLon = Math.min(reach / (METERS_PER_DEGREE_LAT * cosLat), 180);
  const cells: string[] = [];
  const latFrom = Math.floor(Math.max(event.latitude - dLat, -90));
  const latTo = Math.floor(Math.min(event.latitude + dLat, 90));
  const lonFrom = Math.floor(event.longitude - dLon);
  const lonTo = Math.floor(event.longitude + dLon);
  for (let lat = latFrom; lat <= latTo; lat += 1) {
    for (let lon = lonFrom; lon <= lonTo; lon += 1) cells.push(`${lat}:${(((lon + 180) % 360) + 360) % 360 - 180}`);
  }
  return cells;
}
