import { caseAccess, closeBlockers, formatCaseNumber, itemCounts, shareRefusal } from './case-rules';

describe('formatCaseNumber', () => {
  it.each([
    ['ICE', 2026, 123, 'ICE-2026-000123'],
    ['ATF', 2027, 1, 'ATF-2027-000001'],
    ['PGR', 2026, 1234567, 'PGR-2026-1234567'],
  ])('%s %d #%d -> %s', (agency, year, seq, expected) => expect(formatCaseNumber(agency, year, seq)).toBe(expected));

  it.each([0, -1, 1.5])('refuses sequence %p', (seq) => expect(() => formatCaseNumber('ICE', 2026, seq)).toThrow());
});

describe('caseAccess', () => {
  it.each([
    ['ICE', 'ICE', false, 'OWNER'],
    ['ICE', 'ICE', true, 'OWNER'],
    ['ICE', 'ATF', true, 'SHARED'],
    ['ICE', 'ATF', false, null],
  ] as const)('owner %s, reader %s, shared %s -> %s', (owner, agency, shared, expected) => {
    expect(caseAccess(owner, agency, shared)).toBe(expected);
  });
});

describe('closeBlockers', () => {
  it.each([
    [{ count: 0, matchTypes: [] }, [], []],
    [{ count: 2, matchTypes: ['EMAIL', 'PERSON'] }, [], ['2 deconfliction hit(s) are not resolved (EMAIL, PERSON)']],
    [{ count: 0, matchTypes: [] }, [{ toAgency: 'ATF', rule: 'R1', status: 'SENT' }], ['referral R1 to ATF is SENT']],
    [
      { count: 1, matchTypes: ['PHONE'] }, [{ toAgency: 'DEA', rule: 'R2', status: 'ACKNOWLEDGED' }],
      ['1 deconfliction hit(s) are not resolved (PHONE)', 'referral R2 to DEA is ACKNOWLEDGED'],
    ],
  ])('hits %j, referrals %j -> %j', (hits, referrals, expected) => expect(closeBlockers(hits, referrals)).toEqual(expected));
});

describe('shareRefusal', () => {
  it.each([
    ['ICE', 'ATF', true, null],
    ['ICE', 'ICE', true, 'OWN_AGENCY'],
    ['ICE', 'XYZ', false, 'UNKNOWN_AGENCY'],
  ] as const)('owner %s, target %s, known %s -> %s', (owner, target, known, expected) => {
    expect(shareRefusal(owner, target, known)).toBe(expected);
  });
});

describe('itemCounts', () => {
  it('counts each kind, zeros included', () => {
    expect(itemCounts([
      { kind: 'subjects', items: [{ id: 's', kind: 'PERSON', fullName: 'A' }] },
      { kind: 'identifiers', items: [] },
    ])).toEqual({ subjects: 1, identifiers: 0 });
  });
});
