import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, alerts outside the browser: each agency's watch-desk contacts (e-mail addresses and signed webhooks, set by
 * an administrator) and the delivery log (one row per attempt to reach one contact about one hit event, with its
 * result). Lookouts may also watch a person (name and date of birth) or an organization (name): their `type` is
 * PERSON or ORGANIZATION, `value` the name, and `subject` the whole subject as it is matched. A person lookout's
 * person is kept in person_keys like a case's (same tokens, codes and tiers), owned by the lookout instead of a case
 * and expiring with it: a person key's one owner is now a case, a seizure (migration 020's arrestees) or a lookout.
 */
export class WatchDeskAlerts1763900000023 implements MigrationInterface {
  name = 'WatchDeskAlerts1763900000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE watch_desk_contacts (
      id uuid PRIMARY KEY,
      agency_code text NOT NULL REFERENCES agencies(code),
      channel text NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
      address text NOT NULL,
      secret text,
      position int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT watch_desk_webhook_has_secret CHECK ((channel = 'WEBHOOK') = (secret IS NOT NULL)),
      UNIQUE (agency_code, channel, address))`);
    await q.query(`CREATE TABLE watch_desk_deliveries (
      id bigserial PRIMARY KEY,
      hit_id uuid NOT NULL REFERENCES deconfliction_hits(id),
      event text NOT NULL CHECK (event IN ('hit.created', 'hit.escalated')),
      alert_id text NOT NULL,
      agency_code text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
      address text NOT NULL,
      attempt int NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('DELIVERED', 'FAILED')),
      detail text NOT NULL DEFAULT '',
      attempted_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX watch_desk_deliveries_hit ON watch_desk_deliveries (hit_id, id)`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON watch_desk_contacts TO casecoord_app`);
    await q.query(`GRANT SELECT, INSERT ON watch_desk_deliveries TO casecoord_app`);
    await q.query(`GRANT USAGE ON SEQUENCE watch_desk_deliveries_id_seq TO casecoord_app`);
    await q.query(`ALTER TABLE lookouts ADD COLUMN subject jsonb`);
    await q.query(`ALTER TABLE person_keys DROP CONSTRAINT person_keys_one_owner,
      ADD COLUMN lookout_id uuid REFERENCES lookouts(id), ADD COLUMN expires_at timestamptz,
      ADD CONSTRAINT person_keys_one_owner CHECK (num_nonnulls(case_id, seizure_id, lookout_id) = 1)`);
    await q.query(`CREATE INDEX person_keys_lookout ON person_keys (lookout_id) WHERE lookout_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE watch_desk_deliveries`);
    await q.query(`DROP TABLE watch_desk_contacts`);
    // Person and organization lookouts have no identifier: the old schema cannot hold them.
    await q.query(`DELETE FROM match_keys WHERE lookout_id IN (SELECT id FROM lookouts WHERE subject IS NOT NULL)`);
    await q.query(`DELETE FROM person_keys WHERE lookout_id IS NOT NULL`);
    await q.query(`DROP INDEX person_keys_lookout`);
    await q.query(`ALTER TABLE person_keys DROP CONSTRAINT person_keys_one_owner, DROP COLUMN expires_at, DROP COLUMN lookout_id,
      ADD CONSTRAINT person_keys_one_owner CHECK (num_nonnulls(case_id, seizure_id) = 1)`);
    await q.query(`DELETE FROM deconfliction_hits WHERE b_lookout_id IN (SELECT id FROM lookouts WHERE subject IS NOT NULL)`);
    await q.query(`DELETE FROM lookouts WHERE subject IS NOT NULL`);
    await q.query(`ALTER TABLE lookouts DROP COLUMN subject`);
  }
}
