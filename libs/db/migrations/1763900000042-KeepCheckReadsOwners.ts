import { MigrationInterface, QueryRunner } from 'typeorm';
import { KEEP_ARGS as KEEP_ARGS_1, KEEP_CHECK_1 } from './1763900000041-KeepCheckInOneCall';

const NOTICE_ARGS = 'uuid, timestamptz, uuid, text, text[], uuid[], uuid[], text[]';
export const KEEP_ARGS = `uuid, uuid, text, jsonb, integer, text[], uuid[], text[], uuid[], uuid[], text[], bigint, bigint, text[], bigint[],
  uuid[], bigint, timestamptz, text, text, text, text, text, jsonb, text, text, text`;

/** This migration's keep_check, which PatternAlertsInKeepCheck replaces (and restores when it is undone). */
export const KEEP_CHECK_2 = `
  CREATE FUNCTION keep_check(
    p_id uuid, p_user_id uuid, p_agency text, p_counts jsonb, p_items integer, p_matched_agencies text[],
    p_item_ids uuid[], p_match_types text[], p_case_ids uuid[], p_lookout_ids uuid[], p_agencies text[],
    p_hour_limit bigint, p_day_limit bigint, p_lock_keys text[], p_lock_seeds bigint[], p_watch_items uuid[], p_window_ms bigint,
    p_audit_at timestamptz, p_audit_actor text, p_audit_agency text, p_audit_action text, p_audit_entity_type text,
    p_audit_entity_id text, p_audit_details jsonb, p_audit_payload text, p_audit_dedup_key text, p_channel text,
    OUT check_time timestamptz, OUT hour bigint, OUT day bigint, OUT kept boolean, OUT patterns json, OUT owners json)
  LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
  BEGIN
    check_time := date_trunc('milliseconds', now());
    -- In the order given (the budget's first, then the items' sorted), one after another.
    PERFORM count(pg_advisory_xact_lock(hashtextextended(k.key, k.seed))) FROM unnest(p_lock_keys, p_lock_seeds) AS k(key, seed);
    SELECT coalesce(sum(c.items) FILTER (WHERE c.checked_at > check_time - interval '1 hour'), 0), coalesce(sum(c.items), 0)
      INTO hour, day
      FROM deconfliction_checks c WHERE c.user_id = p_user_id AND c.checked_at > check_time - interval '24 hours';
    kept := hour + p_items <= p_hour_limit AND day + p_items <= p_day_limit;
    patterns := '[]';
    owners := '[]';
    IF NOT kept THEN RETURN; END IF;
    INSERT INTO deconfliction_checks (id, user_id, agency, checked_at, counts, items, matched_agencies)
    VALUES (p_id, p_user_id, p_agency, check_time, p_counts, p_items, p_matched_agencies);
    INSERT INTO deconfliction_check_matches (check_id, item_id, match_type, case_id, lookout_id, agency, checker_agency, checked_at)
    SELECT p_id, u.item_id, u.match_type, u.case_id, u.lookout_id, u.agency, p_agency, check_time
    FROM unnest(p_item_ids, p_match_types, p_case_ids, p_lookout_ids, p_agencies) AS u(item_id, match_type, case_id, lookout_id, agency);
    IF cardinality(p_watch_items) > 0 THEN
      SELECT coalesce(json_agg(p ORDER BY p.item_id, p.checks DESC, p.username), '[]') INTO patterns FROM (
        SELECT m.item_id, u.id AS user_id, u.username, u.full_name, u.phone, count(*)::int AS checks,
               EXISTS (SELECT 1 FROM deconfliction_check_alerts a
                       WHERE a.item_id = m.item_id AND a.checker_agency = p_agency
                         AND a.raised_at > check_time - p_window_ms * interval '1 millisecond') AS alerted
        FROM deconfliction_check_matches m JOIN deconfliction_checks c ON c.id = m.check_id JOIN users u ON u.id = c.user_id
        WHERE m.item_id = ANY(p_watch_items) AND m.checker_agency = p_agency
          AND m.checked_at > check_time - p_window_ms * interval '1 millisecond'
        GROUP BY m.item_id, u.id, u.username, u.full_name, u.phone) AS p;
    END IF;
    SELECT coalesce(json_agg(o), '[]') INTO owners FROM (
      SELECT c.id, c.case_number, u.id AS user_id, u.full_name, u.phone
      FROM cases c JOIN users u ON u.id = c.lead_agent_id WHERE c.id = ANY(p_case_ids)
      UNION ALL
      SELECT l.id, NULL, u.id, u.full_name, u.phone FROM lookouts l JOIN users u ON u.id = l.owner_user_id WHERE l.id = ANY(p_lookout_ids)
    ) AS o;
    PERFORM push_notifications(array_agg(n.user_id), array_agg('deconfliction.check_matched'::text), array_agg('check'::text),
        array_agg(p_id::text), array_agg(n.payload), array_agg('check:' || p_id::text), p_channel)
      FROM check_matched_notices(p_id, check_time, p_user_id, p_agency, p_match_types, p_case_ids, p_lookout_ids, p_agencies) AS n
      HAVING count(*) > 0;
    PERFORM audit_append(p_audit_at, p_audit_actor, p_audit_agency, p_audit_action, p_audit_entity_type, p_audit_entity_id,
      p_audit_details, p_audit_payload, p_audit_dedup_key);
  END $$`;

/**
 * A check still cost a round trip before `keep_check`: the read of its items' owners, the checker and the coordinators,
 * which the notices were composed from in Node, and of the database's time (issue 20, the API's own overhead; about a
 * millisecond here, whatever PostgreSQL does in it). Now `keep_check` reads them itself, after it has decided to keep:
 * - its time is `now()` to the millisecond (as a JavaScript Date carries it, so a page's cursor and the record agree);
 * - a kept check returns, with its budget use and pattern counts, the owner of every case and lookout it met (the
 *   answer's pointers: case number, whom to call) and that time;
 * - its notices are composed by `check_matched_notices`, the one definition of a check_matched notice: to each matched
 *   item's case agent (lead agent, or lookout owner) and to every deconfliction coordinator (the desk is joint), one
 *   notice per recipient listing each distinct pointer once, in the order the check met them. Only another agency's
 *   items are told of a check. Pointer-only: the checker's values never leave the check, and neither do scores;
 * - the notices are pushed before the audit entry, so the audit chain's lock (global) is held for the append alone.
 */
export class KeepCheckReadsOwners1763900000042 implements MigrationInterface {
  name = 'KeepCheckReadsOwners1763900000042';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION keep_check(${KEEP_ARGS_1})`);
    await q.query(`
      CREATE FUNCTION check_matched_notices(
        p_check_id uuid, p_checked_at timestamptz, p_checker_id uuid, p_checker_agency text,
        p_match_types text[], p_case_ids uuid[], p_lookout_ids uuid[], p_agencies text[])
      RETURNS TABLE (user_id uuid, payload jsonb)
      LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
        WITH seen AS (
          SELECT m.ord, coalesce(c.lead_agent_id, l.owner_user_id) AS owner_id,
                 jsonb_build_object('matchType', m.match_type, 'agency', m.agency, 'caseNumber', c.case_number,
                                    'lookout', m.lookout_id IS NOT NULL) AS item
          FROM unnest(p_match_types, p_case_ids, p_lookout_ids, p_agencies) WITH ORDINALITY AS m(match_type, case_id, lookout_id, agency, ord)
          LEFT JOIN cases c ON c.id = m.case_id LEFT JOIN lookouts l ON l.id = m.lookout_id
          WHERE m.agency <> p_checker_agency),
        told AS (
          SELECT s.owner_id AS recipient, s.item, s.ord FROM seen s WHERE s.owner_id IS NOT NULL
          UNION ALL
          SELECT u.id, s.item, s.ord FROM seen s CROSS JOIN users u WHERE 'DECONFLICTION_COORDINATOR' = ANY(u.roles)),
        firsts AS (SELECT t.recipient, t.item, min(t.ord) AS ord FROM told t GROUP BY t.recipient, t.item)
        SELECT f.recipient, jsonb_build_object('check', jsonb_build_object(
                 'id', p_check_id, 'checkedAt', to_char(p_checked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'checker', (SELECT jsonb_build_object('agency', p_checker_agency, 'agentName', u.full_name, 'agentPhone', u.phone)
                             FROM users u WHERE u.id = p_checker_id),
                 'matches', jsonb_agg(f.item ORDER BY f.ord)))
        FROM firsts f GROUP BY f.recipient
      $$`);
    await q.query(KEEP_CHECK_2);
    for (const fn of [`check_matched_notices(${NOTICE_ARGS})`, `keep_check(${KEEP_ARGS})`]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO casecoord_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION keep_check(${KEEP_ARGS})`);
    await q.query(`DROP FUNCTION check_matched_notices(${NOTICE_ARGS})`);
    await q.query(KEEP_CHECK_1);
    await q.query(`REVOKE ALL ON FUNCTION keep_check(${KEEP_ARGS_1}) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION keep_check(${KEEP_ARGS_1}) TO casecoord_app`);
  }
}
