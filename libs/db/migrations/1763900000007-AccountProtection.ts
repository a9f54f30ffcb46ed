import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account protection and audit retention.
 * - `login_attempts`: failed logins per username string (known or not, so the lock tells nothing about which exist).
 * - `sessions`: one row per issued token (`jti`), its last activity; an idle or unknown session is refused.
 * - Audit retention: `purge_audit_log(retention)` is the one way to delete audit entries. It refuses a retention
 *   shorter than `audit_retention_policy.min_retention` (365 days; only the database owner changes it), deletes only
 *   the oldest run of the chain whose entries are all older than the retention, and records the last deleted entry
 *   in `audit_chain_anchors`, from which `/audit/verify` walks on. A row trigger refuses any other DELETE, and any
 *   DELETE of an entry younger than the floor, to every role (UPDATE and TRUNCATE stay refused outright).
 */
export class AccountProtection1763900000007 implements MigrationInterface {
  name = 'AccountProtection1763900000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_attempts (
        username text PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        last_failure_at timestamptz,
        locked_until timestamptz
      )`);
    await q.query(`CREATE INDEX login_attempts_last_failure ON login_attempts (last_failure_at)`);
    await q.query(`
      CREATE TABLE sessions (
        jti uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sessions_expires_at ON sessions (expires_at)`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON login_attempts, sessions TO casecoord_app`);

    await q.query(`
      CREATE TABLE audit_retention_policy (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        min_retention interval NOT NULL CHECK (min_retention >= interval '1 day')
      )`);
    await q.query(`INSERT INTO audit_retention_policy (min_retention) VALUES (interval '365 days')`);
    await q.query(`
      CREATE TABLE audit_chain_anchors (
        id bigserial PRIMARY KEY,
        purged_at timestamptz NOT NULL DEFAULT now(),
        retention interval NOT NULL,
        entries bigint NOT NULL,
        through_seq bigint NOT NULL,
        through_hash text NOT NULL,
        through_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION audit_chain_anchors_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_chain_anchors is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_chain_anchors_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_chain_anchors
      FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_anchors_append_only()`);
    await q.query(`GRANT SELECT ON audit_retention_policy, audit_chain_anchors TO casecoord_app`);

    // DELETE moves from the statement trigger to a row trigger that lets only the purge remove only old entries.
    await q.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`
      CREATE FUNCTION audit_log_guard_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('casecoord.audit_purge', true) = 'on'
           AND OLD.at < now() - (SELECT min_retention FROM audit_retention_policy) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only (DELETE of entry % refused: only purge_audit_log() removes entries older than the retention)', OLD.seq
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_purge_only BEFORE DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_guard_delete()`);

    await q.query(`
      CREATE FUNCTION purge_audit_log(retention interval)
      RETURNS TABLE (entries bigint, through_seq bigint, through_hash text)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        floor_retention interval;
        cutoff timestamptz;
        last_seq bigint;
        last_hash text;
        last_at timestamptz;
        deleted bigint;
      BEGIN
        SELECT min_retention INTO floor_retention FROM audit_retention_policy;
        IF retention IS NULL OR retention < floor_retention THEN
          RAISE EXCEPTION 'audit retention % is shorter than the minimum %', retention, floor_retention
            USING ERRCODE = 'invalid_parameter_value';
        END IF;
        -- The appenders' chain lock: no entry joins the chain while its head is cut.
        PERFORM pg_advisory_xact_lock(7240001);
        cutoff := now() - retention;
        -- Only a prefix of the chain goes, so what stays is one unbroken chain starting at the anchor.
        SELECT a.seq, a.hash, a.at INTO last_seq, last_hash, last_at FROM audit_log a
         WHERE a.seq < coalesce((SELECT min(y.seq) FROM audit_log y WHERE y.at >= cutoff), 9223372036854775807)
         ORDER BY a.seq DESC LIMIT 1;
        IF last_seq IS NULL THEN
          RETURN QUERY SELECT 0::bigint, NULL::bigint, NULL::text;
          RETURN;
        END IF;
        PERFORM set_config('casecoord.audit_purge', 'on', true);
        DELETE FROM audit_log WHERE seq <= last_seq;
        GET DIAGNOSTICS deleted = ROW_COUNT;
        PERFORM set_config('casecoord.audit_purge', 'off', true);
        INSERT INTO audit_chain_anchors (retention, entries, through_seq, through_hash, through_at)
        VALUES (retention, deleted, last_seq, last_hash, last_at);
        RETURN QUERY SELECT deleted, last_seq, last_hash;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION purge_audit_log(interval) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION purge_audit_log(interval) TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION purge_audit_log(interval)`);
    await q.query(`DROP TRIGGER audit_log_purge_only ON audit_log`);
    await q.query(`DROP FUNCTION audit_log_guard_delete()`);
    await q.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`DROP TABLE audit_chain_anchors, audit_retention_policy, sessions, login_attempts`);
    await q.query(`DROP FUNCTION audit_chain_anchors_append_only()`);
  }
}
