import type { Match } from './matching.repository';
import { closingReason, reviewOutcome, reviewsFor } from './review-rules';

const possible = (own: string, other: string, agency: string, caseId: string): Match => ({
  matchType: 'PERSON', score: 0.8, reason: 'DOB unknown on one side', reasonEs: 'fecha de nacimiento desconocida en un lado',
  tier: 'POSSIBLE', urgent: false, own: { itemId: own, value: 'Juan Pérez' },
  other: { caseId, lookoutId: null, agency, itemId: other, value: 'Juan Perez' },
});

describe('reviewsFor (POSSIBLE person matches become review items)', () => {
  it('makes one item with its candidate for a single POSSIBLE match, with an id a retry names again', () => {
    const items = reviewsFor('case', 'ICE', [possible('q1', 's1', 'ATF', 'c1')], 2);
    expect(items.map((i) => [i.kind, i.candidates.length])).toEqual([['POSSIBLE_MATCH', 1]]);
    expect(items[0].reason).toEqual({ en: 'DOB unknown on one side', es: 'fecha de nacimiento desconocida en un lado' });
    expect(reviewsFor('case', 'ICE', [possible('q1', 's1', 'ATF', 'c1')], 2)[0].id).toBe(items[0].id);
  });

  it('lists several POSSIBLE matches of one person, up to the maximum, in one item', () => {
    const matches = [possible('q1', 's1', 'ATF', 'c1'), possible('q1', 's2', 'DEA', 'c2'), possible('q2', 's3', 'FBI', 'c3')];
    const items = reviewsFor('case', 'ICE', matches, 2);
    expect(items.map((i) => [i.kind, i.query.itemId, i.candidates.map((c) => c.itemId)])).toEqual([
      ['POSSIBLE_MATCH', 'q1', ['s1', 's2']], ['POSSIBLE_MATCH', 'q2', ['s3']],
    ]);
    expect(items[0].agencies).toEqual(['ATF', 'DEA']);
    expect(items[0].reason.en).toBe('2 stored persons may be this person, in 2 cases of agencies ATF, DEA; the DOB is unknown on one side');
    expect(items[0].reason.es).toContain('2 personas registradas pueden ser esta persona');
    expect(reviewsFor('case', 'ICE', matches, 2).map((i) => i.id)).toEqual(items.map((i) => i.id));
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

describe('reviewOutcome (an open item of a person queried again)', () => {
  const decisive = (own: string): Match => ({ ...possible(own, 's9', 'ATF', 'c9'), tier: 'CONFIRMED' });

  it.each([
    ['its person now has hits', [decisive('q1'), decisive('q1'), decisive('q2')], [], { kind: 'HITS', matches: 2 }],
    ['another item of its person was made', [decisive('q2')], [possible('q1', 's1', 'ATF', 'c1')], { kind: 'REPLACED' }],
    ['nothing matches its person any more', [decisive('q2')], [possible('q2', 's1', 'ATF', 'c1')], { kind: 'NO_MATCH' }],
  ])('%s', (_label, hits, stillPossible, outcome) => {
    expect(reviewOutcome('q1', hits, reviewsFor('case', 'ICE', stillPossible as Match[], 5))).toEqual(outcome);
  });

  it('gives the coordinator the reason in English and Spanish', () => {
    expect(closingReason({ kind: 'HITS', matches: 1 }).en).toContain('1 confirmed or probable match became a hit');
    expect(closingReason({ kind: 'HITS', matches: 3 }).es).toContain('3 coincidencias confirmadas o probables');
    expect(closingReason({ kind: 'NO_MATCH' }).es).toContain('ya no coincide ninguna persona registrada');
  });
});
