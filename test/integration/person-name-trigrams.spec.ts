import { roughTrigramTest, TRIGRAM_SIMILARITY, trigramCounts } from '../../libs/deconfliction/person-read-sql';
import { login, uniqueWord, withDb } from '../support/http';
import { capitalised, caseWithSubjects } from '../support/review-fixtures';

/**
 * A person read computes pg_trgm's similarity from stored trigram sets instead of calling similarity() on every row
 * (migration 1763900000049, person-read-sql.ts personRead), and cuts the rows that cannot reach a bound before that
 * (roughTrigramTest). Both are sound only while the stored sets are pg_trgm's own, trigram for trigram: the same
 * similarity, to the last bit, for names of every shape the engine stores.
 */
describe('stored name trigrams', () => {
  const names = [
    'jose garcia', 'jose garcia lopez', 'garcia jose', 'josé garcía', 'jose  garcia', 'o\'brien patrick', 'al-khalil yusuf',
    'juan de la cruz', 'muhammad ibn abdullah', 'محمد علي حداد', 'عبد الله خليل', 'x', 'ab', 'aaa aaa aaa', 'j garcia 2nd',
    'wílliams mary', 'mary-jane watson', 'li', '', 'rigoberto valenzuela quintanilla', 'rigoverto valensuela quintanila',
  ];

  /** The similarity from the stored sets for every pair of `names`, beside pg_trgm's, as float4 text (every bit shown). */
  const bothSimilarities = (names: string[]) => withDb(async (db) => (await db.query(
    `WITH t2 AS (SELECT a.n AS a, b.n AS b, person_name_trigrams(a.n) AS ta, person_name_trigrams(b.n) AS tb
                 FROM unnest($1::text[]) a(n), unnest($1::text[]) b(n))
     SELECT a, b, similarity(a, b)::text AS exact, (${TRIGRAM_SIMILARITY})::text AS stored
     FROM t2 CROSS JOIN LATERAL ${trigramCounts('ta', 'tb')}`, [names],
  )).rows as { a: string; b: string; exact: string; stored: string }[]);

  it('give for every pair of names the similarity pg_trgm gives, to the last bit', async () => {
    const rows = await bothSimilarities(names);
    expect(rows).toHaveLength(names.length ** 2);
    expect(rows.filter((r) => r.exact !== r.stored)).toEqual([]);
    // Not trivially equal: the pairs span unrelated names to identical ones.
    expect(new Set(rows.map((r) => Number(r.exact).toFixed(2))).size).toBeGreaterThan(10);
  });

  it('give it for names of two to four words drawn from three scripts', async () => {
    const words = ['garcia', 'garsia', 'lopez', 'lópez', 'maria', 'mariia', 'jose', 'josé', 'al', 'ibn', 'محمد', 'حداد', 'иван',
      'петров', 'nguyen', 'thi', 'o', 'xu', 'zz9', 'ab', 'wójcik', 'straße', 'ñandú', 'kowalski', 'de', 'la', '2'];
    // A fixed draw of 120 different names of two to four words, each word after the first by a stride of its own.
    const drawn = Array.from({ length: 120 }, (_, i) => Array.from({ length: 2 + (i % 3) }, (__, j) => words[(i + j * ((i % 11) + 1) * 5) % words.length]).join(' '));
    expect(new Set(drawn).size).toBe(120);
    const rows = await bothSimilarities(drawn);
    expect(rows).toHaveLength(drawn.length ** 2);
    expect(rows.filter((r) => r.exact !== r.stored)).toEqual([]);
    expect(new Set(rows.map((r) => r.exact)).size).toBeGreaterThan(100);
  });

  it('hold each trigram as the three bytes pg_trgm compares, a checksummed multibyte one included', async () => {
    const rows = await withDb(async (db) => (await db.query(
      `SELECT n, show_trgm(n) AS shown, person_name_trigrams(n) AS stored FROM unnest($1::text[]) AS n`, [['ab', 'محمد']],
    )).rows);
    // "ab": blank blank a, blank a b, a b blank.
    expect(rows[0].stored).toEqual([0x202061, 0x206162, 0x616220]);
    // Arabic letters: pg_trgm keeps a checksum of three bytes per trigram, shown as 0x and six hex digits.
    const checksums = (rows[1].shown as string[]).filter((t) => t.startsWith('0x')).map((t) => parseInt(t.slice(2), 16));
    expect(checksums.length).toBeGreaterThan(0);
    expect(rows[1].stored).toEqual(expect.arrayContaining(checksums));
    expect(rows[1].stored).toHaveLength(rows[1].shown.length);
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
