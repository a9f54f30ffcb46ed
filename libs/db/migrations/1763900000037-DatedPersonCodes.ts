import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person query with a date of birth also looks up stored persons born the same or a close day who share a phonetic
 * code (PersonMatching.blocking: `date_of_birth = ANY(days) AND codes && codes`). Only the date had an index, so every
 * person born on any of the ~55 close days was read from the heap and most were dropped for their codes: 2,836 heap
 * blocks per query at 2M persons, growing with the population (issue 20). With the dated persons' codes GIN-indexed
 * apart, the planner ANDs the two bitmaps when the name's codes are selective enough and reads only the persons that
 * pass both (30 heap blocks for a rare name at 2M); for a common name it keeps the date alone, as before.
 */
export class DatedPersonCodes1763900000037 implements MigrationInterface {
  name = 'DatedPersonCodes1763900000037';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX person_keys_codes_dated ON person_keys USING gin (codes) WHERE date_of_birth IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_keys_codes_dated`);
  }
}
