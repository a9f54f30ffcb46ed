import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A readable part of an obliterated serial that meets more stored serials than SERIAL_PARTIAL_MAX is one review item,
 * COMMON_SERIAL_PART, not a hit per serial (libs/deconfliction/serial-collapse.ts). Seized guns are where obliterated
 * serials come from, so the item's query may be a seizure's firearm as well as a case's: exactly one of the two.
 */
export class SerialPartReviews1763900000045 implements MigrationInterface {
  name = 'SerialPartReviews1763900000045';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deconfliction_reviews DROP CONSTRAINT deconfliction_reviews_kind_check`);
    await q.query(`ALTER TABLE deconfliction_reviews ADD CONSTRAINT deconfliction_reviews_kind_check
                   CHECK (kind IN ('POSSIBLE_MATCH', 'COMMON_NAME', 'COMMON_SERIAL_PART'))`);
    await q.query(`ALTER TABLE deconfliction_reviews ALTER COLUMN query_case_id DROP NOT NULL`);
    await q.query(`ALTER TABLE deconfliction_reviews ADD COLUMN query_seizure_id uuid REFERENCES seizures(id)`);
    await q.query(`ALTER TABLE deconfliction_reviews ADD CONSTRAINT deconfliction_reviews_one_query
                   CHECK ((query_case_id IS NULL) <> (query_seizure_id IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deconfliction_reviews WHERE kind = 'COMMON_SERIAL_PART'`);
    await q.query(`ALTER TABLE deconfliction_reviews DROP CONSTRAINT deconfliction_reviews_one_query`);
    await q.query(`ALTER TABLE deconfliction_reviews DROP COLUMN query_seizure_id`);
    await q.query(`ALTER TABLE deconfliction_reviews ALTER COLUMN query_case_id SET NOT NULL`);
    await q.query(`ALTER TABLE deconfliction_reviews DROP CONSTRAINT deconfliction_reviews_kind_check`);
    await q.query(`ALTER TABLE deconfliction_reviews ADD CONSTRAINT deconfliction_reviews_kind_check
                   CHECK (kind IN ('POSSIBLE_MATCH', 'COMMON_NAME'))`);
  }
}
