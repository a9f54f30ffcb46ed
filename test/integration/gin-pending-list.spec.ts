import { withDb } from '../support/http';

/**
 * Every GIN index is searched on checks and intakes while rows are written all day, so none keeps a pending list
 * (migration GinWithoutPendingList): a search would read the whole unsorted list before the index. A migration that
 * adds a GIN index without `WITH (fastupdate = off)` fails here.
 */
describe('GIN indexes', () => {
  it('keep no pending list, each of them', async () => {
    // The option as written (off, false, 0, no), read back as PostgreSQL parses a boolean.
    const indexes = await withDb(async (db) => (await db.query<{ name: string; fast_update: boolean }>(
      `SELECT c.relname AS name, coalesce((SELECT o.option_value::boolean FROM pg_options_to_table(c.reloptions) o
                                           WHERE o.option_name = 'fastupdate'), true) AS fast_update
       FROM pg_class c JOIN pg_am a ON a.oid = c.relam
       WHERE a.amname = 'gin' AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname`)).rows);
    // The person blocking keys, the name vocabulary, serial parts, case search: a dozen and more.
    expect(indexes.length).toBeGreaterThan(10);
    expect(indexes.filter((i) => i.fast_update).map((i) => i.name)).toEqual([]);
  });
});
