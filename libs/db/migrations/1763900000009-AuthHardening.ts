import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22 (items 5 and 13).
 * - `anonymous_refusals`: requests refused for want of a valid token, counted per source address and window; the API
 *   moves finished windows into the audit chain (one entry each) and deletes the row in the same transaction.
 * - `login_attempts` is keyed by a keyed digest of the username string, never the string itself (a password typed
 *   into the username field must not be stored). Counts kept under the old key are dropped: a run of failures in
 *   progress at the upgrade starts again.
 */
export class AuthHardening1763900000009 implements MigrationInterface {
  name = 'AuthHardening1763900000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE anonymous_refusals (
        ip text NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        count bigint NOT NULL,
        routes text[] NOT NULL,
        PRIMARY KEY (ip, window_start, window_end)
      )`);
    await q.query(`CREATE INDEX anonymous_refusals_window_end ON anonymous_refusals (window_end)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON anonymous_refusals TO casecoord_app`);

    await q.query(`DELETE FROM login_attempts`);
    await q.query(`ALTER TABLE login_attempts RENAME COLUMN username TO username_key`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM login_attempts`);
    await q.query(`ALTER TABLE login_attempts RENAME COLUMN username_key TO username`);
    await q.query(`DROP TABLE anonymous_refusals`);
  }
}
