import { withDb } from '../support/http';

/**
 * Every GIN index is searched on checks and intakes while rows are written all day, so none keeps a pending list
 * (migration GinWithoutPendingList): a search would read the whole unsorted list before the index. A migration that
 * adds a GIN index without `WITH (fastupdate = off)` fails here.
 */
describe('GIN indexes', () => {
  it('keep no pending list, each of them', async () => {
    const indexes = await withDb(async (db) => (await db.query<{ name: string; options: string[] | null }>(
      `SELECT c.relname AS name, c.reloptions AS options FROM pg_class c JOIN pg_am a ON a.oid = c.relam
       WHERE a.amname = 'gin' AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname`)).rows);
    // The person blocking keys, the name vocabulary, serial parts, case search: a dozen and more.
    expect(indexes.length).toBeGreaterThan(10);
    expect(indexes.filter((i) => !(i.options ?? []).includes('fastupdate=off')).map((i) => i.name)).toEqual([]);
  });
});
