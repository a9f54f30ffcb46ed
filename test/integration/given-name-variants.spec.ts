import { Client as PgClient } from 'pg';
import { readGivenNameVariants } from '../../libs/deconfliction/names/given-name-variants';
import { readStack } from '../support/stack';

/** The migration loaded the repository's tables (issue 21); the app's own login, which matching will use, reads them. */
describe('given_name_variants (migration GivenNameVariants)', () => {
  const withAppLogin = async <T>(work: (db: PgClient) => Promise<T>): Promise<T> => {
    const db = new PgClient({ connectionString: readStack().env.DATABASE_URL });
    await db.connect();
    try { return await work(db); } finally { await db.end(); }
  };

  it('holds every row of the data files, folded', async () => {
    const counts = await withAppLogin(async (db) => (await db.query(
      'SELECT language, count(*)::int AS n FROM given_name_variants GROUP BY language ORDER BY language')).rows);
    const rows = readGivenNameVariants();
    expect(counts).toEqual([
      { language: 'en', n: rows.filter((r) => r.language === 'en').length },
      { language: 'es', n: rows.filter((r) => r.language === 'es').length },
    ]);
  });

  it.each([
    ['nacho', 'ignacio'], ['chucho', 'jesus'], ['guicho', 'luis'], ['bob', 'robert'], ['liz', 'elizabeth'],
  ])('finds the canonical name of %s by its variant', async (variant, canonical) => {
    const found = await withAppLogin(async (db) => (await db.query(
      'SELECT canonical_folded FROM given_name_variants WHERE variant_folded = $1', [variant])).rows);
    expect(found).toContainEqual({ canonical_folded: canonical });
  });
});
