import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every audited request paid two round trips to append: the chain lock with the head read, then the insert, because
 * the entry's hash needs the head's. `audit_append` does both in one call (issue 20, the API's own overhead): it takes
 * the same advisory lock as before (7240001, which purge_audit_log and the fault tests also take), then reads the head
 * and inserts. Each statement of a VOLATILE plpgsql function takes a fresh snapshot under READ COMMITTED, so the head is
 * read after the lock is granted and sees the entry of the appender that held it.
 *
 * The hash stays what Node's `entryHash` computes, so verification is unchanged: the caller sends the canonical
 * payload up to the previous hash (`"prevHash"` sorts last), and SQL appends the head's hash and `"}` and hashes it.
 */
export class AuditAppendInOneStatement1763900000039 implements MigrationInterface {
  name = 'AuditAppendInOneStatement1763900000039';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_append(
        p_at timestamptz, p_actor text, p_agency text, p_action text, p_entity_type text, p_entity_id text,
        p_details jsonb, p_payload_before_prev_hash text, p_dedup_key text)
      RETURNS boolean
      LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
      DECLARE
        prev text;
      BEGIN
        PERFORM pg_advisory_xact_lock(7240001);
        -- A retried writer's second append is a no-op (checked under the lock, so two retries cannot both insert).
        IF p_dedup_key IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE dedup_key = p_dedup_key) THEN
          RETURN false;
        END IF;
        -- The newest entry's hash, else the anchor of a purge that removed every entry, else the genesis hash.
        prev := coalesce(
          (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
          (SELECT through_hash FROM audit_chain_anchors ORDER BY id DESC LIMIT 1),
          repeat('0', 64));
        INSERT INTO audit_log (at, actor, agency, action, entity_type, entity_id, details, prev_hash, hash, dedup_key)
        VALUES (p_at, p_actor, p_agency, p_action, p_entity_type, p_entity_id, p_details, prev,
                encode(sha256(convert_to(p_payload_before_prev_hash || prev || '"}', 'UTF8')), 'hex'), p_dedup_key);
        RETURN true;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_append(timestamptz, text, text, text, text, text, jsonb, text, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_append(timestamptz, text, text, text, text, text, jsonb, text, text) TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_append(timestamptz, text, text, text, text, text, jsonb, text, text)`);
  }
}
