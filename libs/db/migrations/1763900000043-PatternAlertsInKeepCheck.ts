import { MigrationInterface, QueryRunner } from 'typeorm';

import { KEEP_ARGS as KEEP_ARGS_2, KEEP_CHECK_2 } from './1763900000042-KeepCheckReadsOwners';

const KEEP_ARGS = `${KEEP_ARGS_2}, integer`;
const PAYLOAD_ARGS = 'timestamptz, text, text, text, text, text, jsonb';

/**
 * Per watched item (another agency's, met by this check), the checker agency's users who met it within the window,
 * this check included; an item whose checks are at or over the threshold and that no alert of the window names yet is
 * alerted: its first match in the check's order, its owner (whom the alert names), the alert's notice body (its id
 * added per alert) and the alert's audit details. In item order, the order its pattern locks were taken in.
 */
const REACHED = `
  WITH met AS (
    SELECT m.item_id, u.username, u.full_name, u.phone, count(*)::int AS checks
    FROM deconfliction_check_matches m JOIN deconfliction_checks c ON c.id = m.check_id JOIN users u ON u.id = c.user_id
    WHERE m.item_id = ANY(p_watch_items) AND m.checker_agency = p_agency AND m.checked_at > since
    GROUP BY m.item_id, u.id, u.username, u.full_name, u.phone),
  reached AS (
    SELECT met.item_id, sum(met.checks)::int AS checks,
           jsonb_agg(jsonb_build_object('agentName', met.full_name, 'agentPhone', met.phone, 'checks', met.checks)
                     ORDER BY met.checks DESC, met.username) AS checkers,
           jsonb_agg(jsonb_build_object('username', met.username, 'checks', met.checks) ORDER BY met.checks DESC, met.username) AS users
    FROM met GROUP BY met.item_id HAVING sum(met.checks) >= p_pattern_threshold),
  first_met AS (
    SELECT DISTINCT ON (u.item_id) u.item_id, u.match_type, u.case_id, u.lookout_id, u.agency
    FROM unnest(p_item_ids, p_match_types, p_case_ids, p_lookout_ids, p_agencies) WITH ORDINALITY AS u(item_id, match_type, case_id, lookout_id, agency, ord)
    WHERE u.agency <> p_agency ORDER BY u.item_id, u.ord)
  SELECT r.item_id, r.checks, f.match_type, f.case_id, f.lookout_id, f.agency AS owner_agency,
         jsonb_build_object('raisedAt', to_char(check_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'matchType', f.match_type,
           'checks', r.checks, 'windowSeconds', window_seconds, 'checkerAgency', p_agency, 'checkers', r.checkers,
           'item', jsonb_build_object('agency', f.agency, 'caseNumber', c.case_number, 'lookout', f.lookout_id IS NOT NULL,
                                      'agentName', o.full_name, 'agentPhone', o.phone)) AS notice,
         jsonb_build_object('matchType', f.match_type, 'item', r.item_id, 'case', f.case_id, 'lookout', f.lookout_id,
           'ownerAgency', f.agency, 'checkerAgency', p_agency, 'checks', r.checks, 'windowSeconds', window_seconds, 'users', r.users) AS details
  FROM reached r JOIN first_met f ON f.item_id = r.item_id
  LEFT JOIN cases c ON c.id = f.case_id LEFT JOIN lookouts l ON l.id = f.lookout_id
  LEFT JOIN users o ON o.id = coalesce(c.lead_agent_id, l.owner_user_id)
  WHERE NOT EXISTS (SELECT 1 FROM deconfliction_check_alerts x
                    WHERE x.item_id = r.item_id AND x.checker_agency = p_agency AND x.raised_at > since)
  ORDER BY r.item_id`;

/**
 * KeepCheckReadsOwners' keep_check, which also raises the pattern alerts: the alert row, a notice to every deconfliction
 * coordinator (the desk is joint) and to both agencies' leadership, and an audit entry after the check's.
 */
const KEEP_CHECK_3 = `
  CREATE FUNCTION keep_check(
    p_id uuid, p_user_id uuid, p_agency text, p_counts jsonb, p_items integer, p_matched_agencies text[],
    p_item_ids uuid[], p_match_types text[], p_case_ids uuid[], p_lookout_ids uuid[], p_agencies text[],
    p_hour_limit bigint, p_day_limit bigint, p_lock_keys text[], p_lock_seeds bigint[], p_watch_items uuid[], p_window_ms bigint,
    p_audit_at timestamptz, p_audit_actor text, p_audit_agency text, p_audit_action text, p_audit_entity_type text,
    p_audit_entity_id text, p_audit_details jsonb, p_audit_payload text, p_audit_dedup_key text, p_channel text,
    p_pattern_threshold integer,
    OUT check_time timestamptz, OUT hour bigint, OUT day bigint, OUT kept boolean, OUT owners json)
  LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
  DECLARE
    since timestamptz;
    window_seconds integer := round(p_window_ms / 1000.0);
    alert record;
    alert_id uuid;
    -- The alerts' audit entries, appended after the check's so the chain's lock is held for the appends alone.
    alert_ids uuid[] := '{}';
    alert_details jsonb[] := '{}';
  BEGIN
    -- Each statement below must see what the locks' holders committed: a snapshot per statement.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
      RAISE EXCEPTION 'keep_check needs READ COMMITTED, not %', current_setting('transaction_isolation');
    END IF;
    check_time := date_trunc('milliseconds', now());
    since := check_time - p_window_ms * interval '1 millisecond';
    -- In the order given (the budget's first, then the items' sorted), one after another.
    PERFORM count(pg_advisory_xact_lock(hashtextextended(k.key, k.seed))) FROM unnest(p_lock_keys, p_lock_seeds) AS k(key, seed);
    SELECT coalesce(sum(c.items) FILTER (WHERE c.checked_at > check_time - interval '1 hour'), 0), coalesce(sum(c.items), 0)
      INTO hour, day
      FROM deconfliction_checks c WHERE c.user_id = p_user_id AND c.checked_at > check_time - interval '24 hours';
    kept := hour + p_items <= p_hour_limit AND day + p_items <= p_day_limit;
    owners := '[]';
    IF NOT kept THEN RETURN; END IF;
    INSERT INTO deconfliction_checks (id, user_id, agency, checked_at, counts, items, matched_agencies)
    VALUES (p_id, p_user_id, p_agency, check_time, p_counts, p_items, p_matched_agencies);
    INSERT INTO deconfliction_check_matches (check_id, item_id, match_type, case_id, lookout_id, agency, checker_agency, checked_at)
    SELECT p_id, u.item_id, u.match_type, u.case_id, u.lookout_id, u.agency, p_agency, check_time
    FROM unnest(p_item_ids, p_match_types, p_case_ids, p_lookout_ids, p_agencies) AS u(item_id, match_type, case_id, lookout_id, agency);
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
    IF cardinality(p_watch_items) > 0 THEN
      FOR alert IN ${REACHED} LOOP
        alert_id := gen_random_uuid();
        INSERT INTO deconfliction_check_alerts (id, item_id, match_type, checker_agency, agency, case_id, lookout_id, checks, raised_at)
        VALUES (alert_id, alert.item_id, alert.match_type, p_agency, alert.owner_agency, alert.case_id, alert.lookout_id, alert.checks, check_time);
        PERFORM push_notifications(array_agg(r.id), array_agg('deconfliction.check_pattern_alert'::text), array_agg('check_alert'::text),
            array_agg(alert_id::text), array_agg(jsonb_build_object('alert', alert.notice || jsonb_build_object('id', alert_id))),
            array_agg('check_alert:' || alert_id::text), p_channel)
          FROM users r
          WHERE 'DECONFLICTION_COORDINATOR' = ANY(r.roles) OR ('LEADERSHIP' = ANY(r.roles) AND r.agency_code IN (p_agency, alert.owner_agency))
          HAVING count(*) > 0;
        alert_ids := alert_ids || alert_id;
        alert_details := alert_details || alert.details;
      END LOOP;
    END IF;
    PERFORM audit_append(p_audit_at, p_audit_actor, p_audit_agency, p_audit_action, p_audit_entity_type, p_audit_entity_id,
      p_audit_details, p_audit_payload, p_audit_dedup_key);
    FOR i IN 1 .. cardinality(alert_ids) LOOP
      PERFORM audit_append(check_time, p_audit_actor, p_agency, 'deconfliction.check_pattern_alert', 'check_alert', alert_ids[i]::text,
        alert_details[i], audit_payload_before_prev_hash(check_time, p_audit_actor, p_agency, 'deconfliction.check_pattern_alert',
          'check_alert', alert_ids[i]::text, alert_details[i]), NULL);
    END LOOP;
  END $$`;

/**
 * A pattern alert (one agency's checks meeting one item of another agency CHECK_PATTERN_THRESHOLD times within the
 * window) was raised after `keep_check`, in a transaction of its own that re-took the items' locks: a check could be
 * kept and notified, then answered with an error when that second transaction failed, and its alert wait for the next
 * check on the item. Now `keep_check` raises it, under the pattern locks it already holds, with the counts it already
 * read: the check, its notices, the alert, the alert's notices and every audit entry commit together or not at all
 * (so an alert that cannot be written fails its check, and the next, instead of going missing).
 *
 * An alert's audit entry is written in SQL, so SQL must write the payload its hash is taken over exactly as Node does
 * (audit-chain.ts: canonical JSON, keys sorted at every depth, `"prevHash"` last and left open for audit_append):
 * - `canonical_json`: a jsonb value as canonicalJson writes it once read back. Keys in byte order (code-unit order for
 *   every key below U+E000, which is all of ours); strings escaped as jsonb and JSON.stringify both escape them (`"`,
 *   `\`, controls); integers as both write them, and any other number refused (an entry written here holds only
 *   counts): PostgreSQL and JavaScript write 1.50 differently. The database must be UTF8.
 * - `audit_payload_before_prev_hash`: payloadBeforePrevHash, for an entry whose time is already whole milliseconds
 *   (a Date read back from the log carries no more, and verification rehashes what it reads).
 * A spec compares both with Node's for a table of entries (audit-canonical.service.spec.ts).
 */
export class PatternAlertsInKeepCheck1763900000043 implements MigrationInterface {
  name = 'PatternAlertsInKeepCheck1763900000043';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION canonical_json(v jsonb) RETURNS text
      LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = public, pg_temp AS $$
      BEGIN
        -- 1.50 is 1.5 once JavaScript reads it, and past 2^53 an integer is not itself: refuse what would not hash alike.
        IF jsonb_typeof(v) = 'number' AND NOT (v::text ~ '^-?[0-9]+$' AND abs(v::numeric) <= 9007199254740991) THEN
          RAISE EXCEPTION 'canonical_json: % is not an integer JavaScript reads exactly', v;
        END IF;
        RETURN CASE jsonb_typeof(v)
          WHEN 'object' THEN '{' || coalesce((SELECT string_agg(to_jsonb(e.key)::text || ':' || canonical_json(e.value), ',' ORDER BY e.key COLLATE "C")
                                              FROM jsonb_each(v) AS e), '') || '}'
          WHEN 'array' THEN '[' || coalesce((SELECT string_agg(canonical_json(a.value), ',' ORDER BY a.ord)
                                             FROM jsonb_array_elements(v) WITH ORDINALITY AS a(value, ord)), '') || ']'
          ELSE v::text
        END;
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_payload_before_prev_hash(
        p_at timestamptz, p_actor text, p_agency text, p_action text, p_entity_type text, p_entity_id text, p_details jsonb)
      RETURNS text
      LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
        SELECT '{"action":' || canonical_json(to_jsonb(p_action)) || ',"actor":' || canonical_json(to_jsonb(p_actor))
          || ',"agency":' || coalesce(canonical_json(to_jsonb(p_agency)), 'null')
          || ',"at":"' || to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
          || ',"details":' || canonical_json(p_details)
          || ',"entityId":' || coalesce(canonical_json(to_jsonb(p_entity_id)), 'null')
          || ',"entityType":' || canonical_json(to_jsonb(p_entity_type)) || ',"prevHash":"'
      $$`);
    await q.query(`DROP FUNCTION keep_check(${KEEP_ARGS_2})`);
    await q.query(KEEP_CHECK_3);
    for (const fn of [`canonical_json(jsonb)`, `audit_payload_before_prev_hash(${PAYLOAD_ARGS})`, `keep_check(${KEEP_ARGS})`]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO casecoord_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION keep_check(${KEEP_ARGS})`);
    await q.query(`DROP FUNCTION audit_payload_before_prev_hash(${PAYLOAD_ARGS})`);
    await q.query(`DROP FUNCTION canonical_json(jsonb)`);
    await q.query(KEEP_CHECK_2);
    await q.query(`REVOKE ALL ON FUNCTION keep_check(${KEEP_ARGS_2}) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION keep_check(${KEEP_ARGS_2}) TO casecoord_app`);
  }
}
