import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Person-match tiers (issue 16): a hit carries its tier and a Spanish reason; POSSIBLE person matches become review
 * items of the coordinator instead of hits; the number of stored persons (the denominator of the name weights) is
 * kept in a counter of 16 slots (a pass adds its new persons to one slot, at the end of storing them), so reading it
 * sums 16 rows instead of counting a million, and concurrent passes seldom wait on the same row.
 */
export class PersonTiers1763900000013 implements MigrationInterface {
  name = 'PersonTiers1763900000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deconfliction_hits ADD COLUMN tier text, ADD COLUMN reason_es text`);
    await q.query(`CREATE INDEX deconfliction_hits_tier ON deconfliction_hits (tier) WHERE tier IS NOT NULL`);
    await q.query(`
      CREATE TABLE person_totals (
        slot int PRIMARY KEY CHECK (slot BETWEEN 0 AND 15),
        persons bigint NOT NULL
      )`);
    await q.query(`INSERT INTO person_totals (slot, persons) SELECT s, 0 FROM generate_series(0, 15) AS s`);
    await q.query(`UPDATE person_totals SET persons = (SELECT count(*) FROM person_keys) WHERE slot = 0`);
    await q.query(`
      CREATE TABLE deconfliction_reviews (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('POSSIBLE_MATCH', 'COMMON_NAME')),
        query_case_id uuid NOT NULL REFERENCES cases(id),
        query_item_id uuid NOT NULL,
        query_agency text NOT NULL,
        query_value text NOT NULL,
        candidates jsonb NOT NULL,
        agencies text[] NOT NULL,
        reason text NOT NULL,
        reason_es text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'PROMOTED', 'DISMISSED')),
        note text,
        decided_by text,
        decided_at timestamptz,
        hit_id uuid,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX deconfliction_reviews_queue ON deconfliction_reviews (status, created_at, id)`);
    await q.query(`CREATE INDEX deconfliction_reviews_created ON deconfliction_reviews (created_at, id)`);
    await q.query(`GRANT SELECT, UPDATE ON person_totals TO casecoord_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON deconfliction_reviews TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS deconfliction_reviews`);
    await q.query(`DROP TABLE IF EXISTS person_totals`);
    await q.query(`DROP INDEX IF EXISTS deconfliction_hits_tier`);
    await q.query(`ALTER TABLE deconfliction_hits DROP COLUMN IF EXISTS reason_es, DROP COLUMN IF EXISTS tier`);
  }
}
