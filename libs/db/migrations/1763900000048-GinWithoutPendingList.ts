import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GIN indexes without their pending list (fastupdate off). With it, PostgreSQL's default, a row's new entries are
 * appended to an unsorted list, merged into the index by a vacuum or an autovacuum's analyze, or once the list passes
 * gin_pending_list_limit (4 MB); and every search through the index reads the whole list first. Persons, names,
 * serials and cases are written all day and searched on every check and intake, so each search paid for the list: in
 * bench:sustained at 15 cases a second, 15 of the 17 pages of person_name_tokens' typo-neighbour index were pending, and
 * the vocabulary read of a case (about seventy lookups there) ran 2.8 ms. At ten million persons autovacuum's analyze
 * comes after about a million changed rows, so the lists would grow to the limit, and the intake that crossed it would
 * merge 4 MB in its own transaction. Without the list, each insert pays for its own entries and a search reads the index
 * alone. A later migration that creates a GIN index says `WITH (fastupdate = off)`; test/integration/gin-pending-list.
 * spec.ts holds every one to it.
 *
 * Outside a transaction, one index at a time: the option takes an ACCESS EXCLUSIVE lock on its index, which every
 * statement planned on the table waits for. Each ALTER commits at once, so no lock is held while another is awaited
 * (no deadlock with a running intake) and none through the merges; a merge (gin_clean_pending_list) needs no such lock.
 */
export class GinWithoutPendingList1763900000048 implements MigrationInterface {
  name = 'GinWithoutPendingList1763900000048';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    for (const index of await ginIndexes(q)) {
      await q.query(`ALTER INDEX ${index} SET (fastupdate = off)`);
      // Turning it off stops new entries going to the list; what is already there is merged now.
      await q.query(`SELECT gin_clean_pending_list($1::regclass)`, [index]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of await ginIndexes(q)) await q.query(`ALTER INDEX ${index} RESET (fastupdate)`);
  }
}

/** Every GIN index of the schema, each named as SQL takes it (quoted where it must be). */
async function ginIndexes(q: QueryRunner): Promise<string[]> {
  const rows = await q.query(`SELECT c.oid::regclass::text AS name FROM pg_class c JOIN pg_am a ON a.oid = c.relam
    WHERE a.amname = 'gin' AND c.relnamespace = current_schema()::regnamespace ORDER BY 1`) as { name: string }[];
  return rows.map((r) => r.name);
}
