import { formatCaseNumber } from './case-number';

describe('formatCaseNumber', () => {
  it.each([
    ['ICE', 2026, 123, 'ICE-2026-000123'],
    ['ATF', 2027, 1, 'ATF-2027-000001'],
    ['PGR', 2026, 1234567, 'PGR-2026-1234567'],
  ])('%s %d #%d -> %s', (agency, year, seq, expected) => expect(formatCaseNumber(agency, year, seq)).toBe(expected));

  it.each([0, -1, 1.5])('refuses sequence %p', (seq) => expect(() => formatCaseNumber('ICE', 2026, seq)).toThrow());
});
