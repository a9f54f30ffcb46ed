import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person query with a date of birth also looks up the stored persons born the same or a close day (about 55 days)
 * who share one phonetic code with it. Migration 1763900000037 let the planner AND the date's bitmap with the codes'
 * GIN, which it does only for rare codes: a common name's codes (JN, KRS, MR) are carried by millions of persons at
 * bench:deconfliction's 10,000,000, so it read the heap row of every person born on those days and dropped most for
 * their codes ("Mary Watson" born 1951-01-15: 13,894 rows, 13,765 heap blocks, to keep 1,299; linear in the
 * population). With the codes and the id in the date's index, the test runs on the index alone (an index-only scan,
 * 1,010 buffers for those 13,894 entries) and only the 1,299 persons that pass are read, by id: 7,135 buffers in all,
 * 31.7 ms against 47.8. (Keyed by (day, code) pairs in a GIN index the read would be smaller still, but PostgreSQL's
 * array statistics cannot estimate keys that rare, and the planner kept the date's index.) The index also serves every
 * lookup by date of birth, so the date's own index and the dated persons' codes GIN go.
 */
export class PersonsByBirthDayWithCodes1763900000047 implements MigrationInterface {
  name = 'PersonsByBirthDayWithCodes1763900000047';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX person_keys_dob_codes ON person_keys (date_of_birth) INCLUDE (codes, id) WHERE date_of_birth IS NOT NULL`);
    await q.query(`DROP INDEX person_keys_codes_dated`);
    await q.query(`DROP INDEX person_keys_dob`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX person_keys_dob ON person_keys (date_of_birth)`);
    await q.query(`CREATE INDEX person_keys_codes_dated ON person_keys USING gin (codes) WHERE date_of_birth IS NOT NULL`);
    await q.query(`DROP INDEX person_keys_dob_codes`);
  }
}
