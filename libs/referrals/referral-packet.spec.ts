import { defaultPacket, foreignItems, normalizedPacket, type CaseItemKinds } from './referral-packet';

const now = new Date('2026-06-01T00:00:00Z');
const items: CaseItemKinds = {
  subjects: [{ id: 'p1', kind: 'PERSON', orgType: null }, { id: 'o1', kind: 'ORGANIZATION', orgType: 'DTO' }, { id: 'o2', kind: 'ORGANIZATION', orgType: 'FFL' }],
  identifiers: [
    { id: 'phone', type: 'PHONE' }, { id: 'vin', type: 'VIN' }, { id: 'plate', type: 'VEHICLE_PLATE' }, { id: 'addr', type: 'ADDRESS' },
    { id: 'ffl', type: 'FFL_LICENSE' }, { id: 'mail', type: 'EMAIL' },
  ],
  firearms: [{ id: 'f1' }, { id: 'f2' }],
  operations: [{ id: 'past', endsAt: new Date('2026-05-01T00:00:00Z') }, { id: 'planned', endsAt: new Date('2026-07-01T00:00:00Z') }],
};

describe('defaultPacket', () => {
  it.each([
    ['R1', { portOfEntry: 'Nogales, AZ' }, { portOfEntry: 'Nogales, AZ', subjects: [], identifiers: ['vin', 'plate'], firearms: ['f1', 'f2'], operations: ['planned'] }],
    ['R2', { cartelLink: true }, { subjects: ['o1', 'o2'], identifiers: ['phone'], firearms: [], operations: [] }],
    ['R3', { domesticSale: true }, { subjects: ['p1', 'o1', 'o2'], identifiers: ['ffl'], firearms: ['f1', 'f2'], operations: [] }],
    ['R4', { exportSmuggling: true, portOfEntry: ' Laredo, TX ' }, { portOfEntry: 'Laredo, TX', subjects: [], identifiers: ['vin', 'plate', 'addr'], firearms: ['f1', 'f2'], operations: [] }],
    ['R4', { exportSmuggling: true }, { subjects: [], identifiers: ['vin', 'plate', 'addr'], firearms: ['f1', 'f2'], operations: [] }],
  ] as const)('%s with flags %j discloses %j', (rule, flags, expected) => {
    expect(defaultPacket(rule, items, flags, now)).toEqual(expected);
  });
});

describe('the packet a sender chose', () => {
  it('keeps each id once, lower-cased, with every kind present', () => {
    expect(normalizedPacket({ firearms: ['F1', 'f1'], subjects: ['p1'] })).toEqual({ subjects: ['p1'], identifiers: [], firearms: ['f1'], operations: [] });
  });

  it.each([
    [{ subjects: ['p1'], identifiers: ['vin'], firearms: [], operations: ['past'] }, []],
    [{ subjects: ['f1'], identifiers: [], firearms: ['f1', 'zz'], operations: [] }, [{ kind: 'subjects', ids: ['f1'] }, { kind: 'firearms', ids: ['zz'] }]],
  ])('%j has foreign items %j', (packet, expected) => expect(foreignItems(packet, items)).toEqual(expected));
});
