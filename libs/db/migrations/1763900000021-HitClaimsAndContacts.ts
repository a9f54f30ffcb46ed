import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coordinator's workbench (issue 17): a hit is claimed by one coordinator at a time (`claimed_by`, changed only by
 * conditional UPDATEs, so two claims at once cannot both win), and each hit keeps an append-only log of the contacts
 * made about it. The app role may only read and add log entries; a trigger refuses UPDATE, DELETE and TRUNCATE to
 * everyone else too, as for the audit log.
 */
export class HitClaimsAndContacts1763900000021 implements MigrationInterface {
  name = 'HitClaimsAndContacts1763900000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deconfliction_hits ADD COLUMN claimed_by uuid REFERENCES users(id), ADD COLUMN claimed_at timestamptz`);
    await q.query(`ALTER TABLE deconfliction_hits ADD CONSTRAINT deconfliction_hits_claim_complete
      CHECK ((claimed_by IS NULL) = (claimed_at IS NULL))`);
    await q.query(`CREATE INDEX deconfliction_hits_claimed_by ON deconfliction_hits (claimed_by) WHERE claimed_by IS NOT NULL`);
    await q.query(`
      CREATE TABLE deconfliction_hit_contacts (
        id uuid PRIMARY KEY,
        hit_id uuid NOT NULL REFERENCES deconfliction_hits(id),
        reached text NOT NULL,
        agency text NOT NULL,
        means text NOT NULL CHECK (means IN ('PHONE', 'EMAIL', 'IN_PERSON', 'RADIO', 'OTHER')),
        agreed text NOT NULL,
        author_user_id uuid NOT NULL REFERENCES users(id),
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX deconfliction_hit_contacts_hit ON deconfliction_hit_contacts (hit_id, created_at, id)`);
    await q.query(`
      CREATE FUNCTION deconfliction_hit_contacts_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'deconfliction_hit_contacts is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER deconfliction_hit_contacts_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON deconfliction_hit_contacts
      FOR EACH STATEMENT EXECUTE FUNCTION deconfliction_hit_contacts_is_append_only()`);
    await q.query(`GRANT SELECT, INSERT ON deconfliction_hit_contacts TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deconfliction_hit_contacts`);
    await q.query(`DROP FUNCTION deconfliction_hit_contacts_is_append_only()`);
    await q.query(`DROP INDEX deconfliction_hits_claimed_by`);
    await q.query(`ALTER TABLE deconfliction_hits DROP CONSTRAINT deconfliction_hits_claim_complete`);
    await q.query(`ALTER TABLE deconfliction_hits DROP COLUMN claimed_at, DROP COLUMN claimed_by`);
  }
}
