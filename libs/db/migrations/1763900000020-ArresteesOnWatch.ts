import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Arrested persons stay on watch (issue 16): a seizure's arrestees are stored as person keys the seizing agency owns,
 * as its serials are (migration SeizuresOnWatch), so a case opened later meets them with the same tier rules.
 *
 * - person_keys.seizure_id: a person key is owned by a case or by a seizure, exactly one of them.
 * - Seizures recorded before this migration with arrestees get one more watch pass (workflow_started_at cleared, the
 *   relay starts it), which stores their arrestees.
 */
export class ArresteesOnWatch1763900000020 implements MigrationInterface {
  name = 'ArresteesOnWatch1763900000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_keys ALTER COLUMN case_id DROP NOT NULL`);
    await q.query(`ALTER TABLE person_keys ADD COLUMN seizure_id uuid REFERENCES seizures(id)`);
    await q.query(`ALTER TABLE person_keys ADD CONSTRAINT person_keys_one_owner CHECK (num_nonnulls(case_id, seizure_id) = 1)`);
    await q.query(`CREATE INDEX person_keys_seizure ON person_keys (seizure_id) WHERE seizure_id IS NOT NULL`);
    await q.query(`
      UPDATE seizures SET watch_pass = watch_pass + 1, workflow_started_at = NULL
      WHERE jsonb_array_length(coalesce(arrestees->'list', '[]'::jsonb)) > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The vocabulary keeps counting the removed persons: a slightly commoner name is the safe side of the weights.
    await q.query(`DELETE FROM person_keys WHERE seizure_id IS NOT NULL`);
    await q.query(`DROP INDEX person_keys_seizure`);
    await q.query(`ALTER TABLE person_keys DROP CONSTRAINT person_keys_one_owner`);
    await q.query(`ALTER TABLE person_keys DROP COLUMN seizure_id`);
    await q.query(`ALTER TABLE person_keys ALTER COLUMN case_id SET NOT NULL`);
  }
}
