import type { PersonMatchTier } from './person-tier-rules';
import type { Match } from './matching.repository';
import { collapseCommonNames } from './check-collapse';

const person = (own: string, other: string, agency: string, caseId: string, tier: PersonMatchTier = 'POSSIBLE'): Match => ({
  matchType: 'PERSON', score: 0.8, reason: 'DOB unknown on one side', tier, urgent: false, own: { itemId: own, value: 'José Reyes' },
  other: { caseId, lookoutId: null, agency, itemId: other, value: 'Jose Reyes' },
});

const phone = (own: string, other: string): Match => ({
  matchType: 'PHONE', score: 1, reason: 'same phone', urgent: false, own: { itemId: own, value: '+15550100' },
  other: { caseId: 'c9', lookoutId: null, agency: 'DEA', itemId: other, value: '+15550100' },
});

describe('collapseCommonNames (a check answers a common name once, as a case pass reviews it once)', () => {
  it('keeps up to the maximum of POSSIBLE namesakes one by one', () => {
    const matches = [person('q1', 's1', 'ATF', 'c1'), person('q1', 's2', 'DEA', 'c2')];
    expect(collapseCommonNames(matches, 2)).toEqual({ kept: matches, ambiguous: [] });
  });

  it('collapses more distinct namesakes than the maximum into one entry per checked person, with counts and agencies', () => {
    const many = [person('q1', 's1', 'DEA', 'c2'), person('q1', 's2', 'ATF', 'c1'), person('q1', 's3', 'DEA', 'c2')];
    const other = [person('q2', 's4', 'FBI', 'c3'), phone('q3', 'i1')];
    const { kept, ambiguous } = collapseCommonNames([...many, ...other], 2);
    expect(kept).toEqual(other);
    expect(ambiguous).toEqual([{
      matchType: 'PERSON', itemId: 'q1', value: 'José Reyes', candidates: 3, cases: 2, agencies: ['ATF', 'DEA'], atLeast: false,
      reason: expect.objectContaining({ en: '3 stored persons named like this in 2 cases of agencies ATF, DEA; no DOB or identifier tells them apart' }),
    }]);
  });

  it('counts a stored person met by two of its names once', () => {
    const twice = [person('q1', 's1', 'ATF', 'c1'), person('q1', 's1', 'ATF', 'c1'), person('q1', 's2', 'ATF', 'c1')];
    expect(collapseCommonNames(twice, 2).ambiguous).toEqual([]);
  });

  it('never collapses CONFIRMED or PROBABLE matches: they stay pointers, beside the collapsed entry', () => {
    const sure = person('q1', 's9', 'FBI', 'c9', 'CONFIRMED');
    const close = person('q1', 's8', 'FBI', 'c8', 'PROBABLE');
    const many = ['s1', 's2', 's3'].map((s) => person('q1', s, 'ATF', 'c1'));
    const { kept, ambiguous } = collapseCommonNames([sure, ...many, close], 2);
    expect(kept).toEqual([sure, close]);
    expect(ambiguous.map((a) => [a.itemId, a.candidates, a.cases])).toEqual([['q1', 3, 1]]);
  });

  it('says "at least" when the probe stopped reading the namesakes (PERSON_CHECK_COUNT_CAP), in English and Spanish', () => {
    const stopped = ['s1', 's2', 's3'].map((s, i) => ({ ...person('q1', s, i === 0 ? 'DEA' : 'ATF', `c${i}`), countStopped: true }));
    const [entry] = collapseCommonNames(stopped, 2).ambiguous;
    expect(entry).toMatchObject({ candidates: 3, cases: 3, atLeast: true });
    expect(entry.reason.en).toBe('at least 3 stored persons named like this in at least 3 cases of agencies ATF, DEA; no DOB or identifier tells them apart');
    expect(entry.reason.es).toContain('al menos 3 personas registradas con un nombre así en al menos 3 casos');
  });
});
