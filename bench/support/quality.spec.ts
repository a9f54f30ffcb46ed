import type { Match } from '../../libs/deconfliction/matching.repository';
import type { BenchCase } from './bulk-load';
import type { CheckMatch, KindRun } from './measure';
import { ceilingOf, hitRecall, hitRecallByVariant } from './quality';
import type { BenchQuery } from './queries';

/** The ceiling claims what no matcher can beat: its arithmetic is checked on cases worked by hand. */
describe('ceilingOf', () => {
  it.each([
    // twins per query, recall target, precision target -> best precision at that recall, best recall at that precision
    { twins: [0, 0, 0, 0], recall: 1, precision: 0.9, atRecall: 1, atPrecision: 1 },
    // Recall 1 answers all four: 4 sources among 4 + 9 returned.
    { twins: [9, 0, 0, 0], recall: 1, precision: 0.9, atRecall: 4 / 13, atPrecision: 0.75 },
    // The fewest twins first: 0, 1, 3 -> recall 0.75 returns 3 sources among 3 + 4.
    { twins: [3, 0, 1, 8], recall: 0.75, precision: 0.5, atRecall: 3 / 7, atPrecision: 0.5 },
    // Every source has a twin: precision 0.5 at best, so 0.9 is out of reach at any recall.
    { twins: [1, 1], recall: 0.5, precision: 0.9, atRecall: 0.5, atPrecision: 0 },
  ])('twins $twins', ({ twins, recall, precision, atRecall, atPrecision }) => {
    const c = ceilingOf(twins, recall, precision);
    expect(c.bestPrecisionAtRecall).toBeCloseTo(atRecall, 10);
    expect(c.bestRecallAtPrecision).toBeCloseTo(atPrecision, 10);
    expect(c.twins).toBe(twins.reduce((s, n) => s + n, 0));
    expect(c.queriesWithoutTwins).toBe(twins.filter((n) => n === 0).length);
  });
});

/** A flood is counted where it is: matches per query made from a stored value, and per fresh one, apart. */
describe('hitRecall', () => {
  const match = (itemId: string) => ({ other: { itemId } }) as Match;
  // A POSSIBLE person match is a review item, not a hit: it is not counted.
  const possible = (itemId: string) => ({ other: { itemId }, tier: 'POSSIBLE' }) as Match;
  const answer = (caseNumber: string) => ({ counterpart: { caseNumber } }) as CheckMatch;
  const query = (expectItemId: string | null, expectCaseIndex: number | null) => ({ body: {}, expectItemId, expectCaseIndex }) as BenchQuery;

  it('finds each source by item (probe) and by case (API), and counts the matches raised as hits per query', () => {
    const queries = [query('a', 0), query('b', 1), query(null, null), query(null, null)];
    const run = {
      probeMatches: [[match('a'), match('x'), match('y'), possible('w')], [match('z')], [], [match('a'), match('b'), possible('c')]],
      apiMatches: [[answer('C-1')], [], [], []],
    } as unknown as KindRun;
    const cases = [{ caseNumber: 'C-1' }, { caseNumber: 'C-2' }] as BenchCase[];
    expect(hitRecall(queries, run, cases)).toEqual({
      expected: 2, probeFound: 1, apiFound: 1, misses: 2, missesWithMatches: 1, hitsPerStoredQuery: [3, 1], hitsPerFreshQuery: [0, 2],
      crowded: 0,
    });
  });

  it("counts a readable part's crowd of serials as no hit, and the query as crowded; the source still found by the probe", () => {
    const serial = (itemId: string) => ({ matchType: 'FIREARM_SERIAL', partialSerial: true, own: { itemId: 'q' }, other: { itemId, lookoutId: null, agency: 'ATF' } }) as Match;
    const run = { probeMatches: [['a', 'x', 'y'].map(serial), ['b', 'x', 'y', 'z'].map(serial)], apiMatches: [[], []] } as unknown as KindRun;
    const out = hitRecall([query('a', 0), query('b', 0)], run, [{ caseNumber: 'C-1' }] as BenchCase[], 3);
    expect([out.hitsPerStoredQuery, out.crowded, out.probeFound]).toEqual([[3, 0], 1, 2]);
  });

  it('splits the queries made from a stored value by how they were written, each with its own matches', () => {
    const written = (expectItemId: string, variant: string) => ({ ...query(expectItemId, 0), variant });
    const queries = [written('a', 'typo'), written('b', 'capitals'), query(null, null), written('d', 'typo')];
    const run = {
      probeMatches: [[match('x')], [match('b'), match('y')], [match('z')], [match('d')]],
      apiMatches: [[], [answer('C-1')], [], [answer('C-1')]],
    } as unknown as KindRun;
    const byVariant = hitRecallByVariant(queries, run, [{ caseNumber: 'C-1' }] as BenchCase[]);
    expect(byVariant.map(([variant, h]) => [variant, h.expected, h.probeFound, h.apiFound, h.hitsPerStoredQuery])).toEqual([
      ['typo', 2, 1, 1, [1, 1]], ['capitals', 1, 1, 1, [2]],
    ]);
  });
});
