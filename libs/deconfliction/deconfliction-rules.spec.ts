import { hitOf, mergeKeys, pairKeyOf } from './deconfliction-rules';
import type { ExactKey, PersonKey } from './match-keys';
import type { Match } from './matching.repository';

const match = (own: string, other: string, matchType: Match['matchType'] = 'EMAIL'): Match => ({
  matchType, score: 1, reason: 'same email', urgent: false, own: { itemId: own, value: 'a@example.net' },
  other: { caseId: 'case-b', lookoutId: null, agency: 'ATF', itemId: other, value: 'a@example.net' },
});

describe('pairKeyOf', () => {
  it.each([
    ['the same pair entered from either side', match('x', 'y'), match('y', 'x'), true],
    ['the same pair under another match type', match('x', 'y', 'EMAIL'), match('x', 'y', 'PHONE'), false],
    ['another pair', match('x', 'y'), match('x', 'z'), false],
  ])('%s', (_, first, second, same) => {
    expect(pairKeyOf(first) === pairKeyOf(second)).toBe(same);
  });
});

describe('hitOf', () => {
  it('derives the id and workflow id from the pair key, so a retried pass names the same hit', () => {
    const one = hitOf('case-a', 'ICE', match('x', 'y'));
    const again = hitOf('case-a', 'ICE', match('x', 'y'));
    expect(again.id).toBe(one.id);
    expect(one.workflowId).toBe(`hit-${one.id}`);
    expect(hitOf('case-a', 'ICE', match('x', 'z')).id).not.toBe(one.id);
  });

  it('puts the value just entered on side a and the stored one on side b', () => {
    const hit = hitOf('case-a', 'ICE', match('x', 'y'));
    expect(hit.a).toEqual({ caseId: 'case-a', agency: 'ICE', itemId: 'x', value: 'a@example.net' });
    expect(hit.b).toEqual({ caseId: 'case-b', lookoutId: null, agency: 'ATF', itemId: 'y', value: 'a@example.net' });
    expect(hit.pairKey).toBe('x|y|EMAIL');
  });
});

describe('mergeKeys', () => {
  it('concatenates each kind of key across batches, in order', () => {
    const exact = (id: string): ExactKey => ({ id, itemId: id, matchType: 'EMAIL', norm: id, partial: false, region: null, displayValue: id });
    const person: PersonKey = { id: 'p1', fullName: 'Rosa Vela', folded: 'rosa vela', tokens: ['rosa', 'vela'], dateOfBirth: null };
    const merged = mergeKeys([
      { exact: [exact('e1')], persons: [], events: [] },
      { exact: [exact('e2')], persons: [person], events: [] },
    ]);
    expect(merged.exact.map((k) => k.id)).toEqual(['e1', 'e2']);
    expect(merged.persons).toEqual([person]);
    expect(merged.events).toEqual([]);
  });
});
