import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A name written in Arabic script (or another without short vowels) is looked up by its skeleton pairs
 * (PersonCandidates.blocking). With a date of birth in the query, the stored persons it may meet by name alone are those
 * without one (`date_of_birth IS NULL AND skeleton_pairs && pairs`), and only the pair keys had an index for that
 * (person_keys_pairs_no_dob). For a skeleton name the planner ANDed the skeleton pairs' bitmap with the date index's
 * bitmap of every undated person: 212,000 entries at 1M persons, 72 ms of an 83 ms read for "محمد علي حداد" born
 * 1975-12-19. Indexed apart, the undated persons' skeleton pairs are read directly: 15 ms (issue 16).
 */
export class UndatedSkeletonPairs1763900000040 implements MigrationInterface {
  name = 'UndatedSkeletonPairs1763900000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX person_keys_skeleton_pairs_no_dob ON person_keys USING gin (skeleton_pairs) WHERE date_of_birth IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_keys_skeleton_pairs_no_dob`);
  }
}
