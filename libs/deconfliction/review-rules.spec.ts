import type { Match } from './matching.repository';
import { reviewsFor } from './review-rules';

const possible = (own: string, other: string, agency: string, caseId: string): Match => ({
  matchType: 'PERSON', score: 0.8, reason: 'DOB unknown on one side', reasonEs: 'fecha de nacimiento desconocida en un lado',
  tier: 'POSSIBLE', urgent: false, own: { itemId: own, value: 'Juan Pérez' },
  other: { caseId, lookoutId: null, agency, itemId: other, value: 'Juan Perez' },
});

describe('reviewsFor (POSSIBLE person matches become review items)', () => {
  it('makes one item per candidate up to the maximum, with ids a retry names again', () => {
    const matches = [possible('q1', 's1', 'ATF', 'c1'), possible('q1', 's2', 'DEA', 'c2')];
    const items = reviewsFor('case', 'ICE', matches, 2);
    expect(items.map((i) => i.kind)).toEqual(['POSSIBLE_MATCH', 'POSSIBLE_MATCH']);
    expect(items[0].reason).toEqual({ en: 'DOB unknown on one side', es: 'fecha de nacimiento desconocida en un lado' });
    expect(reviewsFor('case', 'ICE', matches, 2).map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(new Set(items.map((i) => i.id)).size).toBe(2);
  });

  it('collapses more candidates than the maximum for one person into one COMMON_NAME item', () => {
    const matches = [possible('q1', 's1', 'ATF', 'c1'), possible('q1', 's2', 'DEA', 'c2'), possible('q1', 's3', 'DEA', 'c2'), possible('q2', 's4', 'FBI', 'c3')];
    const items = reviewsFor('case', 'ICE', matches, 2);
    expect(items.map((i) => [i.kind, i.candidates.length])).toEqual([['COMMON_NAME', 3], ['POSSIBLE_MATCH', 1]]);
    expect(items[0].agencies).toEqual(['ATF', 'DEA']);
    expect(items[0].reason.en).toBe('3 stored persons named like this in 2 cases of agencies ATF, DEA; no DOB or identifier tells them apart');
    expect(items[0].reason.es).toContain('3 personas registradas con un nombre así en 2 casos de las agencias ATF, DEA');
  });
});
