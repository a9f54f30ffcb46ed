import { roughTrigramTest } from '../../libs/deconfliction/person-read-sql';
import { login, uniqueWord, withDb } from '../support/http';
import { capitalised, caseWithSubjects } from '../support/review-fixtures';

/**
 * A person read spares pg_trgm's similarity() the blocked rows that cannot pass it by comparing stored trigram sets
 * (migration 1763900000044, PersonCandidates' roughSpelling). That is sound only while the stored sets are pg_trgm's
 * own: the same similarity, computed from them, for names of every shape the engine stores.
 */
describe('stored name trigrams', () => {
  const names = [
    'jose garcia', 'jose garcia lopez', 'garcia jose', 'josé garcía', 'jose  garcia', 'o\'brien patrick', 'al-khalil yusuf',
    'juan de la cruz', 'muhammad ibn abdullah', 'محمد علي حداد', 'عبد الله خليل', 'x', 'ab', 'aaa aaa aaa', 'j garcia 2nd',
    'wílliams mary', 'mary-jane watson', 'li', '', 'rigoberto valenzuela quintanilla', 'rigoverto valensuela quintanila',
  ];

  it('give for every pair of names the similarity pg_trgm gives', async () => {
    const rows = await withDb(async (db) => (await db.query(
      `WITH t AS (SELECT a.n AS a, b.n AS b, person_name_trigrams(a.n) AS ta, person_name_trigrams(b.n) AS tb
                  FROM unnest($1::text[]) a(n), unnest($1::text[]) b(n))
       SELECT a, b, similarity(a, b) AS exact,
              coalesce(icount(ta & tb)::float4 / nullif(icount(ta) + icount(tb) - icount(ta & tb), 0), 0) AS stored
       FROM t`, [names],
    )).rows);
    expect(rows).toHaveLength(names.length ** 2);
    const differing = rows.filter((r) => Math.abs(Number(r.exact) - Number(r.stored)) > 1e-6);
    expect(differing).toEqual([]);
    // Not trivially equal: the pairs span unrelated names to identical ones.
    expect(new Set(rows.map((r) => Number(r.exact).toFixed(2))).size).toBeGreaterThan(10);
  });

  it('let the person reads\' rough test through every pair whose similarity reaches the bound, and cut others', async () => {
    const bounds = [0.1, 0.3, 0.5, 0.5444, 0.7, 0.9];
    const rows = await withDb(async (db) => (await db.query(
      `WITH t AS (SELECT a.n AS a, b.n AS b, person_name_trigrams(a.n) AS ta, person_name_trigrams(b.n) AS tb
                  FROM unnest($1::text[]) a(n), unnest($1::text[]) b(n)),
            bounds AS (SELECT unnest($2::float8[]) AS bound)
       SELECT bound, count(*) FILTER (WHERE similarity(a, b) >= bound)::int AS similar,
              count(*) FILTER (WHERE ${roughTrigramTest('ta', 'tb', 'icount(tb)', 'bound')})::int AS passed,
              count(*) FILTER (WHERE similarity(a, b) >= bound AND NOT (${roughTrigramTest('ta', 'tb', 'icount(tb)', 'bound')}))::int AS dropped
       FROM t, bounds GROUP BY bound ORDER BY bound`, [names, bounds],
    )).rows);
    expect(rows.map((r) => r.dropped)).toEqual(bounds.map(() => 0));
    // It cuts: above the lowest bounds, pairs of unrelated names do not pass.
    const at = (bound: number) => rows.find((r) => Math.abs(Number(r.bound) - bound) < 1e-9);
    expect(at(0.5444).passed).toBeLessThan(names.length ** 2 / 4);
    expect(at(0.5444).passed).toBeGreaterThanOrEqual(at(0.5444).similar);
  });

  it('are stored with every person the engine keeps, from its folded name', async () => {
    const ice = await login('ice.agent');
    const fullName = `${capitalised(uniqueWord())} Núñez ${capitalised(uniqueWord())}`;
    const created = await caseWithSubjects(ice, [{ kind: 'PERSON', fullName }]);
    const stored = await withDb(async (db) => (await db.query(
      `SELECT folded_name, name_trigrams, person_name_trigrams(folded_name) AS expected, cardinality(show_trgm(folded_name)) AS pg_trgm
       FROM person_keys WHERE case_id = $1`, [created.id],
    )).rows);
    expect(stored).toHaveLength(1);
    expect(stored[0].folded_name).toContain('nunez');
    expect(stored[0].name_trigrams).toEqual(stored[0].expected);
    expect(stored[0].name_trigrams).toHaveLength(stored[0].pg_trgm);
  });
});
