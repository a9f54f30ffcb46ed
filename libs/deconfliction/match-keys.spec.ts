import type { CaseItems } from '../contracts/case-items';
import {
  eventCells, identifierNorms, keysForItems, lockNamesFor, normalizeOrganization, normalizeRegion, serialNorms,
  serialSubstrings,
} from './match-keys';
import { unreadableFields } from './readability';

const options = { country: 'US' as const, serialMinReadable: 4, defaultRadiusMeters: 250 };

describe('normalizeRegion', () => {
  it.each([['US-AZ', 'AZ'], ['az', 'AZ'], ['MX-SON', 'SON'], ['mx son', 'SON'], ['CA', 'CA'], ['CA-ON', 'ON'], ['', null], [undefined, null]])(
    '%p -> %p', (input, expected) => expect(normalizeRegion(input)).toBe(expected));
});

describe('normalizeOrganization (legal forms and articles dropped)', () => {
  it.each([
    ['Los Zetas', 'zetas'],
    ['Cártel de Sinaloa', 'cartel sinaloa'],
    ['Transportes del Norte, S.A. de C.V.', 'transportes norte'],
    ['Border Guns LLC', 'border guns'],
    ['S.A. de C.V.', null],
    ['Los Z\u0435t\u0430s', 'zetas'],
    ['C\u00e1rtel\u200b de Sin\u0430loa', 'cartel sinaloa'],
  ])('%p -> %p', (input, expected) => expect(normalizeOrganization(input)).toBe(expected));
});

describe('identifierNorms (the agency country reads national phone numbers)', () => {
  it.each([
    ['PHONE', '55 1234 5678', 'MX', '+525512345678'],
    ['PHONE', '(520) 555-0134', undefined, '+15205550134'],
    ['VEHICLE_PLATE', 'abc-1234', 'US-AZ', 'ABC1234'],
    ['EMAIL', ' Broker@Example.MX ', undefined, 'broker@example.mx'],
    ['FFL_LICENSE', '1-23-456-78-9A-12345', undefined, '123456789A12345'],
    ['EMAIL', 'bro\u200bker@ex\u0430mple.mx', undefined, 'broker@example.mx'],
    ['VEHICLE_PLATE', '\u0410\u0412\u0421 123', 'US-AZ', 'ABC123'],
    ['PHONE', '(520)\u2060555-0134', undefined, '+15205550134'],
  ] as const)('%s %p (region %p) -> %p', (type, value, region, expected) => {
    expect(identifierNorms(type, value, region, options)).toEqual([{ norm: expected, partial: false }]);
  });
  it('refuses what it cannot read', () => expect(identifierNorms('PHONE', 'call me', undefined, options)).toBeNull());
});

describe('serialNorms (obliterated serials match on their readable runs)', () => {
  it.each([
    ['KZ-4471-9', false, [{ norm: 'KZ44719', partial: false }]],
    ['??-123456-?', true, [{ norm: '123456', partial: true }]],
    ['AB12??3456', false, [{ norm: 'AB12', partial: true }, { norm: '3456', partial: true }]],
    ['4471', true, [{ norm: '4471', partial: true }]],
    ['??1?', true, null],
  ] as const)('%p (obliterated %p)', (value, obliterated, expected) => expect(serialNorms(value, obliterated, 4)).toEqual(expected));

  it('lists every run a stored readable part could be', () => {
    expect(serialSubstrings('ABCDE', 4).sort()).toEqual(['ABCD', 'ABCDE', 'BCDE']);
  });
});

describe('keysForItems', () => {
  it('keys each kind of item, keeping the raw value for its owner and fixed ids for retries', () => {
    const batch: CaseItems = { kind: 'identifiers', items: [{ id: '00000000-0000-4000-8000-000000000001', type: 'VEHICLE_PLATE', value: 'abc 123', region: 'US-AZ' }] };
    const first = keysForItems(batch, options);
    expect(first.exact).toEqual([expect.objectContaining({ matchType: 'VEHICLE_PLATE', norm: 'ABC123', region: 'AZ', displayValue: 'abc 123' })]);
    expect(keysForItems(batch, options).exact[0].id).toBe(first.exact[0].id);
  });

  it('keys persons by folded tokens and operations with the default radius', () => {
    const persons = keysForItems({ kind: 'subjects', items: [{ id: 'p', kind: 'PERSON', fullName: 'Martínez Gómez, José' }] }, options);
    expect(persons.persons[0]).toMatchObject({ tokens: ['gomez', 'jose', 'martinez'], dateOfBirth: null });
    const disguised = keysForItems({ kind: 'subjects', items: [{ id: 'q', kind: 'PERSON', fullName: 'Mart\u200bínez G\u043emez, Jos\u0435' }] }, options);
    expect(disguised.persons[0]).toMatchObject({ tokens: ['gomez', 'jose', 'martinez'], folded: persons.persons[0].folded });
    // Another script is matched in Latin letters (issue 21), shown as written.
    const cyrillic = keysForItems({ kind: 'subjects', items: [{ id: 'r', kind: 'PERSON', fullName: 'Дмитрий Шостакович' }] }, options);
    expect(cyrillic.persons[0]).toMatchObject({ tokens: ['dmitriy', 'shostakovich'], folded: 'dmitriy shostakovich', fullName: 'Дмитрий Шостакович' });
    const arabic = keysForItems({ kind: 'subjects', items: [{ id: 's', kind: 'PERSON', fullName: 'يوسف' }] }, options);
    expect(arabic.persons[0]).toMatchObject({ tokens: ['ywsf'] });
    const events = keysForItems({ kind: 'operations', items: [{ id: 'o', type: 'ARREST', latitude: 31, longitude: -110, startsAt: '2030-01-01T00:00:00-07:00', endsAt: '2030-01-01T02:00:00-07:00' }] }, options);
    expect(events.events[0]).toMatchObject({ radiusMeters: 250, startsAt: '2030-01-01T07:00:00.000Z' });
  });
});

describe('lock names (two transactions that could match share one)', () => {
  it('a full serial and a readable part inside it share a lock', () => {
    const full = keysForItems({ kind: 'firearms', items: [{ id: 'a', serialNumber: 'AK123456Z' }] }, options);
    const part = keysForItems({ kind: 'firearms', items: [{ id: 'b', serialNumber: '??123456?', serialObliterated: true }] }, options);
    const shared = lockNamesFor(full, [], 50_000, 4).filter((n) => lockNamesFor(part, [], 50_000, 4).includes(n));
    expect(shared).toContain('serial:123456');
  });

  it('two operations that can touch share the cell of each centre', () => {
    const a = { latitude: 31.9999, longitude: -110.0001, radiusMeters: 100 };
    const b = { latitude: 32.0003, longitude: -109.9995, radiusMeters: 100 };
    const cellsA = eventCells(a, 50_000);
    expect(cellsA).toContain(eventCells({ ...b, radiusMeters: 0 }, 0)[0]);
    expect(eventCells(b, 50_000)).toContain(eventCells({ ...a, radiusMeters: 0 }, 0)[0]);
  });

  it('a typo and the spelling it misses share a lock, though their phonetic codes differ', () => {
    const person = (id: string, fullName: string) => keysForItems({ kind: 'subjects', items: [{ id, kind: 'PERSON', fullName }] }, options);
    const typo = lockNamesFor(person('a', 'Chlarles Moore'), ['KLRL', 'MR'], 50_000, 4);
    const right = lockNamesFor(person('b', 'Charles Stone'), ['XRLS', 'STN'], 50_000, 4);
    expect(typo.filter((n) => right.includes(n))).toEqual(['person-spelling:charles']);
  });
});

describe('unreadableFields', () => {
  it('names every field deconfliction could never match', () => {
    const problems = unreadableFields({
      identifiers: [{ type: 'PHONE', value: '+15205550134' }, { type: 'VIN', value: '123' }],
      firearms: [{ serialNumber: '---' }],
      subjects: [{ kind: 'PERSON', fullName: 'de la' }, { kind: 'ORGANIZATION', name: 'S.A. de C.V.' }],
    }, options);
    expect(problems.map((p) => p.field)).toEqual(['identifiers[1].value', 'firearms[0].serialNumber', 'subjects[0].fullName', 'subjects[1].name']);
    expect(problems.every((p) => p.en && p.es)).toBe(true);
  });
});
