import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every GIN index of the schema, for a DO block. */
const EACH_GIN_INDEX = `FOR i IN SELECT c.oid::regclass FROM pg_class c JOIN pg_am a ON a.oid = c.relam
  WHERE a.amname = 'gin' AND c.relnamespace = current_schema()::regnamespace LOOP`;

/**
 * GIN indexes without their pending list (fastupdate off). With it, PostgreSQL's default, a row's new entries are
 * appended to an unsorted list, merged into the index only by a vacuum or once the list passes gin_pending_list_limit
 * (4 MB); and every search through the index reads the whole list first. Persons, names, serials and cases are written
 * all day and searched on every check and intake, so each search paid for the list: in bench:sustained at 15 cases a
 * second, 15 of the 17 pages of person_name_tokens' typo-neighbour index were pending, and the vocabulary read of a
 * case (about seventy lookups there) ran 2.8 ms. At ten million persons an insert-driven vacuum comes after two million
 * inserts, so the lists would grow to the limit and the intake that crossed it would merge 4 MB in its own transaction.
 * Without the list, each insert pays for its own entries and a search reads the index alone. A later migration that
 * creates a GIN index says `WITH (fastupdate = off)`; test/integration/gin-pending-list.spec.ts holds every one to it.
 */
export class GinWithoutPendingList1763900000048 implements MigrationInterface {
  name = 'GinWithoutPendingList1763900000048';

  async up(q: QueryRunner): Promise<void> {
    // Turning it off stops new entries going to the list; what is already there is merged now.
    await q.query(`DO $$ DECLARE i regclass; BEGIN ${EACH_GIN_INDEX}
      EXECUTE format('ALTER INDEX %s SET (fastupdate = off)', i);
      PERFORM gin_clean_pending_list(i);
    END LOOP; END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ DECLARE i regclass; BEGIN ${EACH_GIN_INDEX}
      EXECUTE format('ALTER INDEX %s RESET (fastupdate)', i);
    END LOOP; END $$`);
  }
}
