import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity administration (issue 19, local accounts):
 * - users: `disabled_at` (a disabled user cannot log in and every session of theirs is refused), `must_change_password`
 *   (set by an administrator's reset), the TOTP factor (`totp_secret` once confirmed, `totp_pending_secret` while
 *   enrolling, `totp_last_step` so a code is accepted once), and `updated_at` for the administration list.
 * - mfa_recovery_codes: hashes of the one-time recovery codes shown once at enrolment.
 * - sessions: `scope` (NULL: a full session; 'ENROL_SECOND_FACTOR' / 'CHANGE_PASSWORD': a session that may only do
 *   that step) and the address it was opened from, for the administrator's session list.
 * - agencies: `kind` and `retired_at` (an agency in use is retired, never deleted), `created_at`; contact points.
 */
export class IdentityAdministration1763900000024 implements MigrationInterface {
  name = 'IdentityAdministration1763900000024';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users
      ADD COLUMN disabled_at timestamptz,
      ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
      ADD COLUMN totp_secret text,
      ADD COLUMN totp_pending_secret text,
      ADD COLUMN totp_last_step bigint,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX users_created ON users (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE mfa_recovery_codes (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);
    await q.query(`ALTER TABLE sessions
      ADD COLUMN scope text CHECK (scope IN ('ENROL_SECOND_FACTOR', 'CHANGE_PASSWORD')),
      ADD COLUMN ip text`);
    await q.query(`ALTER TABLE agencies
      ADD COLUMN kind text NOT NULL DEFAULT 'FEDERAL' CHECK (kind IN ('FEDERAL', 'STATE', 'LOCAL', 'FOREIGN_PARTNER')),
      ADD COLUMN retired_at timestamptz,
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
    // The seeded agencies are national agencies of the three countries; seen from the US side, Mexico's and Canada's
    // are foreign partners. An administrator changes a kind through the API.
    await q.query(`UPDATE agencies SET kind = 'FOREIGN_PARTNER' WHERE country <> 'US'`);
    await q.query(`
      CREATE TABLE agency_contact_points (
        id uuid PRIMARY KEY,
        agency_code text NOT NULL REFERENCES agencies(code),
        label text NOT NULL,
        name text,
        email text,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (email IS NOT NULL OR phone IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX agency_contact_points_agency ON agency_contact_points (agency_code, created_at)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON mfa_recovery_codes, agency_contact_points TO casecoord_app`);
    await q.query(`GRANT INSERT, UPDATE, DELETE ON agencies TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON agencies FROM casecoord_app`);
    await q.query(`DROP TABLE agency_contact_points`);
    await q.query(`ALTER TABLE agencies DROP COLUMN created_at, DROP COLUMN retired_at, DROP COLUMN kind`);
    await q.query(`ALTER TABLE sessions DROP COLUMN ip, DROP COLUMN scope`);
    await q.query(`DROP TABLE mfa_recovery_codes`);
    await q.query(`DROP INDEX users_created`);
    await q.query(`ALTER TABLE users DROP COLUMN updated_at, DROP COLUMN totp_last_step, DROP COLUMN totp_pending_secret,
      DROP COLUMN totp_secret, DROP COLUMN must_change_password, DROP COLUMN disabled_at`);
  }
}
