import { ceilingOf } from './quality';

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
