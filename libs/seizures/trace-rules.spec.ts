import { classifyCaseResult, nextTraceStatus, timeToCrimeDays } from './trace-rules';

describe('nextTraceStatus', () => {
  it.each([
    ['SUBMITTED', 'START', 'IN_PROGRESS'], ['IN_PROGRESS', 'START', null], ['SUBMITTED', 'COMPLETE', null], ['SUBMITTED', 'FAIL', null],
    ['IN_PROGRESS', 'COMPLETE', 'COMPLETED'], ['IN_PROGRESS', 'FAIL', 'UNSUCCESSFUL'], ['COMPLETED', 'COMPLETE', null], ['UNSUCCESSFUL', 'START', null],
  ] as const)('%s + %s -> %p', (from, action, to) => expect(nextTraceStatus(from, action)).toBe(to));
});

describe('timeToCrimeDays', () => {
  it.each([
    ['2026-01-01', '2026-01-31T23:00:00Z', 30], ['2025-11-01', '2026-11-01T01:00:00-07:00', 365], ['2026-02-01', '2026-01-01T00:00:00Z', null],
    ['garbage', '2026-01-01T00:00:00Z', null],
  ])('%s -> %s = %p', (sale, seized, days) => expect(timeToCrimeDays(sale, new Date(seized))).toBe(days));
});

describe('classifyCaseResult (the statistics method)', () => {
  it.each([
    ['CONVICTION', true, true], ['GUILTY_PLEA', true, true], ['INDICTMENT', true, false], ['ARREST', true, false],
    ['SEIZURE', true, false], ['REFERRED_TO_PARTNER', true, false], ['NO_PROSECUTION', false, false], ['ACQUITTAL', false, false],
    ['UNFOUNDED', false, false], ['OTHER', false, false],
  ] as const)('%s: fruitful %p, prosecution %p', (result, fruitful, prosecuted) => {
    expect(classifyCaseResult(result)).toEqual({ fruitful, prosecuted, classified: true });
  });
  it('leaves a case closed without a result unclassified', () => expect(classifyCaseResult(null).classified).toBe(false));
});
