import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, resolutions that take effect and reopening:
 * - a hit keeps which case deferred (DEFER), and when, by whom and why it was last reopened; `reopen_count` numbers
 *   its rounds, so each round's escalation and resolution is announced once (their dedup keys carry it);
 * - NO_CONFLICT leaves a suppression: the same pair of values between the same two owners raises no hit again, until
 *   the hit is reopened (lifted_at). One live suppression per hit; the value key is what the matcher looks up.
 */
export class HitResolutionEffects1763900000022 implements MigrationInterface {
  name = 'HitResolutionEffects1763900000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deconfliction_hits ADD COLUMN deferring_case_id uuid, ADD COLUMN reopened_at timestamptz,
      ADD COLUMN reopened_by text, ADD COLUMN reopen_reason text, ADD COLUMN reopen_count integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE deconfliction_suppressions (
        id uuid PRIMARY KEY,
        hit_id uuid NOT NULL REFERENCES deconfliction_hits(id),
        value_key text NOT NULL,
        match_type text NOT NULL,
        note text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        lifted_at timestamptz,
        lifted_by text,
        lift_reason text
      )`);
    await q.query(`CREATE UNIQUE INDEX deconfliction_suppressions_live ON deconfliction_suppressions (hit_id) WHERE lifted_at IS NULL`);
    await q.query(`CREATE INDEX deconfliction_suppressions_value ON deconfliction_suppressions (value_key) WHERE lifted_at IS NULL`);
    await q.query(`CREATE INDEX deconfliction_suppressions_created ON deconfliction_suppressions (created_at, id)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON deconfliction_suppressions TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deconfliction_suppressions`);
    await q.query(`ALTER TABLE deconfliction_hits DROP COLUMN reopen_count, DROP COLUMN reopen_reason, DROP COLUMN reopened_by,
      DROP COLUMN reopened_at, DROP COLUMN deferring_case_id`);
  }
}
