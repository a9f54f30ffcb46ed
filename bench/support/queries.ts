import { randomUUID } from 'node:crypto';
import type { CaseItems, Firearm, Identifier, Operation, Subject } from '../../libs/contracts/case-items';
import { EventRow, eventAt, GenSpec, identifierAt, IdentifierRow, locationFor, obliterate, round6, windowFor } from './generators';
import { ORGANIZATION_VARIANTS, organizationVariant } from './organization-variants';
import { PersonQuery, personQueries } from './person-variants';
import { intBetween, pick, rngFor } from './random';
import { ORG_FORMS } from './vocabulary';

/** The check bodies each match kind is measured with, and what each one must find. */

export interface CheckBody { subjects?: Subject[]; identifiers?: Identifier[]; firearms?: Firearm[]; operations?: Operation[] }

export interface BenchQuery {
  body: CheckBody;
  /** The stored item the query was made from (it must be found), or null for a value stored nowhere. */
  expectItemId: string | null;
  /** The stored item's case, for checking the API's answer (which names cases, not items). */
  expectCaseIndex: number | null;
  person?: PersonQuery;
  event?: EventRow;
  /** How a hit query was written from its stored value, where a kind has several ways (organizations). */
  variant?: string;
}

export type KindName = 'exact' | 'person' | 'organization' | 'serial partial' | 'event';

/** The shape the API builds from a check body: one batch per item kind, each item with an id. */
export function batchesOf(body: CheckBody): CaseItems[] {
  const withIds = <T extends object>(items: T[] | undefined) => (items ?? []).map((item) => ({ ...item, id: randomUUID() }));
  return [
    { kind: 'subjects', items: withIds(body.subjects) },
    { kind: 'identifiers', items: withIds(body.identifiers) },
    { kind: 'firearms', items: withIds(body.firearms) },
    { kind: 'operations', items: withIds(body.operations) },
  ] as CaseItems[];
}

/** Index space for values that were never stored: far beyond any row the loader generated. */
const FRESH = 2_000_000_000;

/** Draws identifier rows until one fits (`from` stored rows, or fresh ones when `stored` is 0). */
function drawIdentifier(spec: GenSpec, stream: string, q: number, stored: number, fits: (r: IdentifierRow) => boolean): IdentifierRow {
  for (let tries = 0; ; tries += 1) {
    const rng = rngFor(spec.seed, stream, q * 1000 + tries);
    const row = identifierAt(spec, stored > 0 ? intBetween(rng, 0, stored - 1) : FRESH + q * 1000 + tries);
    if (fits(row)) return row;
  }
}

/** Half hit a stored value written another way, half are values stored nowhere; all identifier types in their shares. */
export function exactQueries(spec: GenSpec, stored: number, count: number): BenchQuery[] {
  return Array.from({ length: count }, (_, q) => {
    const hit = q % 2 === 0;
    const row = drawIdentifier(spec, 'exact-query', q, hit ? stored : 0, (r) => r.matchType !== 'ORGANIZATION' && !r.obliterated);
    const body: CheckBody = row.matchType === 'FIREARM_SERIAL'
      ? { firearms: [{ serialNumber: row.alt }] }
      : { identifiers: [{ type: row.matchType as Identifier['type'], value: row.alt, ...(row.altRegion ? { region: row.altRegion } : {}) }] };
    return { body, expectItemId: hit ? row.itemId : null, expectCaseIndex: hit ? row.caseIndex : null };
  });
}

export function personCheckQueries(spec: GenSpec, stored: number, count: number): BenchQuery[] {
  return personQueries(spec, stored, count).map((person) => ({
    body: { subjects: [{ kind: 'PERSON', fullName: person.fullName, ...(person.dob ? { dateOfBirth: person.dob } : {}) }] },
    expectItemId: person.source.id, expectCaseIndex: person.source.caseIndex, person,
  }));
}

/**
 * Stored organization names written another way (hits: the variants of organization-variants.ts in turn), or names
 * stored nowhere, in capitals.
 */
export function organizationQueries(spec: GenSpec, stored: number, count: number): BenchQuery[] {
  return Array.from({ length: count }, (_, q) => {
    const hit = q % 2 === 0;
    const row = drawIdentifier(spec, 'org-query', q, hit ? stored : 0, (r) => r.matchType === 'ORGANIZATION');
    const variant = ORGANIZATION_VARIANTS[(q / 2) % ORGANIZATION_VARIANTS.length];
    const core = ORG_FORMS.reduce((name, form) => (form && name.endsWith(` ${form}`) ? name.slice(0, -form.length - 1) : name), row.raw);
    const name = hit ? organizationVariant(core, variant, rngFor(spec.seed, 'org-variant', q)) : row.alt;
    return {
      body: { subjects: [{ kind: 'ORGANIZATION', name, orgType: 'BUSINESS' }] },
      expectItemId: hit ? row.itemId : null, expectCaseIndex: hit ? row.caseIndex : null, ...(hit ? { variant } : {}),
    };
  });
}

/** A stored serial read with two characters obliterated (hits), or an obliterated serial stored nowhere. */
export function serialPartialQueries(spec: GenSpec, stored: number, count: number): BenchQuery[] {
  return Array.from({ length: count }, (_, q) => {
    const hit = q % 2 === 0;
    const row = drawIdentifier(spec, 'serial-query', q, hit ? stored : 0, (r) => r.matchType === 'FIREARM_SERIAL' && !r.obliterated);
    const serialNumber = obliterate(row.raw, rngFor(spec.seed, 'serial-obliterate', q));
    return {
      body: { firearms: [{ serialNumber, serialObliterated: true }] },
      expectItemId: hit ? row.itemId : null, expectCaseIndex: hit ? row.caseIndex : null,
    };
  });
}

const HOUR_MS = 3_600_000;
const METERS_PER_DEGREE = 111_320;

/**
 * Half are planned near a stored operation (areas overlapping, windows overlapping), half anywhere operations are
 * planned; the brute-force oracle decides what each one should find.
 */
export function eventQueries(spec: GenSpec, stored: number, count: number): BenchQuery[] {
  return Array.from({ length: count }, (_, q) => {
    const rng = rngFor(spec.seed, 'event-query', q);
    const radiusMeters = intBetween(rng, 50, 2000);
    const type = pick(rng, ['SEARCH_WARRANT', 'SURVEILLANCE', 'ARREST'] as const);
    if (q % 2 === 1) {
      const [latitude, longitude] = locationFor(rng);
      const [startsAt, endsAt] = windowFor(rng, spec.epochMs);
      return { body: { operations: [operation(type, latitude, longitude, radiusMeters, startsAt, endsAt)] }, expectItemId: null, expectCaseIndex: null };
    }
    const near = eventAt(spec, intBetween(rng, 0, stored - 1));
    const distance = rng() * 0.9 * (near.radiusMeters + radiusMeters);
    const bearing = rng() * 2 * Math.PI;
    const latitude = near.latitude + (distance * Math.cos(bearing)) / METERS_PER_DEGREE;
    const longitude = near.longitude + (distance * Math.sin(bearing)) / (METERS_PER_DEGREE * Math.cos((near.latitude * Math.PI) / 180));
    const duration = intBetween(rng, 1, 8) * HOUR_MS;
    const startsAt = near.startsAt - duration + 15 * 60_000 + Math.floor(rng() * (near.endsAt - near.startsAt + duration - 30 * 60_000));
    return {
      body: { operations: [operation(type, round6(latitude), round6(longitude), radiusMeters, startsAt, startsAt + duration)] },
      expectItemId: near.id, expectCaseIndex: near.caseIndex, event: near,
    };
  });
}

function operation(type: Operation['type'], latitude: number, longitude: number, radiusMeters: number, startsAt: number, endsAt: number): Operation {
  return { type, latitude, longitude, radiusMeters, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() };
}
