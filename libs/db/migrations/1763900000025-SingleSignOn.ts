import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, single sign-on. `sso_identities` ties a provider's subject (per configured issuer name) to the local user
 * provisioned for it on first sight; `sso_logins` holds one console sign-in from its start (state, nonce and PKCE
 * verifier, never sent to the browser but in the provider's redirect) to the one-time hand-over of its session, so any
 * API process can finish a sign-in another began. A disabled user (`users.disabled_at`, added by the administration
 * migration before this one) is refused whatever the provider says.
 */
export class SingleSignOn1763900000025 implements MigrationInterface {
  name = 'SingleSignOn1763900000025';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_identities (
        issuer_name text NOT NULL,
        subject text NOT NULL,
        user_id uuid NOT NULL UNIQUE REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer_name, subject)
      )`);
    await q.query(`
      CREATE TABLE sso_logins (
        state_digest text PRIMARY KEY,
        issuer_name text NOT NULL,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        return_to text NOT NULL,
        handoff_digest text UNIQUE,
        user_id uuid REFERENCES users(id),
        refusal jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON sso_identities, sso_logins TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sso_logins`);
    await q.query(`DROP TABLE IF EXISTS sso_identities`);
  }
}
