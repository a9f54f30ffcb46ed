import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seizures stay on watch (issue 16): a seized firearm's serial is stored as a match key owned by its seizure, so a case
 * opened later meets it, and a hit's stored side (b) may then be a seizure.
 *
 * - match_keys.seizure_id: the third kind of owner; exactly one of case, lookout, seizure owns a key.
 * - deconfliction_hits.b_seizure_id: exactly one of case, lookout, seizure is side b.
 * - seizures.watch_pass: firearms added by PATCH are deconflicted by a further run of the seizure's workflow, one id per
 *   pass (seizure-<id>-pass-<n>); the relay reads the pass, so a run whose start failed is still made.
 *
 * Seizures recorded before this migration had their serials probed but never stored: each is queued for one more pass
 * (workflow_started_at cleared), which stores its keys and meets the cases opened since.
 */
export class SeizuresOnWatch1763900000014 implements MigrationInterface {
  name = 'SeizuresOnWatch1763900000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE match_keys ADD COLUMN seizure_id uuid REFERENCES seizures(id)`);
    await q.query(`ALTER TABLE match_keys DROP CONSTRAINT match_keys_check`);
    await q.query(`ALTER TABLE match_keys ADD CONSTRAINT match_keys_one_owner CHECK (num_nonnulls(case_id, lookout_id, seizure_id) = 1)`);
    await q.query(`CREATE INDEX match_keys_seizure ON match_keys (seizure_id) WHERE seizure_id IS NOT NULL`);

    await q.query(`ALTER TABLE deconfliction_hits ADD COLUMN b_seizure_id uuid REFERENCES seizures(id)`);
    await q.query(`ALTER TABLE deconfliction_hits DROP CONSTRAINT deconfliction_hits_check`);
    await q.query(`
      ALTER TABLE deconfliction_hits ADD CONSTRAINT deconfliction_hits_b_side
      CHECK (num_nonnulls(b_case_id, b_lookout_id, b_seizure_id) = 1)`);
    await q.query(`CREATE INDEX deconfliction_hits_b_seizure ON deconfliction_hits (b_seizure_id, created_at) WHERE b_seizure_id IS NOT NULL`);

    await q.query(`ALTER TABLE seizures ADD COLUMN watch_pass integer NOT NULL DEFAULT 0 CHECK (watch_pass >= 0)`);
    await q.query(`UPDATE seizures SET watch_pass = 1, workflow_started_at = NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE seizures DROP COLUMN watch_pass`);
    await q.query(`DELETE FROM deconfliction_hits WHERE b_seizure_id IS NOT NULL`);
    await q.query(`DROP INDEX deconfliction_hits_b_seizure`);
    await q.query(`ALTER TABLE deconfliction_hits DROP CONSTRAINT deconfliction_hits_b_side`);
    await q.query(`ALTER TABLE deconfliction_hits DROP COLUMN b_seizure_id`);
    await q.query(`ALTER TABLE deconfliction_hits ADD CONSTRAINT deconfliction_hits_check CHECK ((b_case_id IS NULL) <> (b_lookout_id IS NULL))`);
    await q.query(`DELETE FROM match_keys WHERE seizure_id IS NOT NULL`);
    await q.query(`DROP INDEX match_keys_seizure`);
    await q.query(`ALTER TABLE match_keys DROP CONSTRAINT match_keys_one_owner`);
    await q.query(`ALTER TABLE match_keys DROP COLUMN seizure_id`);
    await q.query(`ALTER TABLE match_keys ADD CONSTRAINT match_keys_check CHECK ((case_id IS NULL) <> (lookout_id IS NULL))`);
  }
}
