import { MigrationInterface, QueryRunner } from 'typeorm';

const PUSH_ARGS = 'uuid[], text[], text[], text[], jsonb[], text[], text';
export const KEEP_ARGS = `uuid, uuid, text, timestamptz, jsonb, integer, text[], uuid[], text[], uuid[], uuid[], text[], bigint, bigint, text[],
  bigint[], uuid[], timestamptz, timestamptz, text, text, text, text, text, jsonb, text, text, ${PUSH_ARGS}`;

/** This migration's keep_check, which KeepCheckReadsOwners replaces (and restores when it is undone). */
export const KEEP_CHECK_1 = `
  CREATE FUNCTION keep_check(
    p_id uuid, p_user_id uuid, p_agency text, p_checked_at timestamptz, p_counts jsonb, p_items integer, p_matched_agencies text[],
    p_item_ids uuid[], p_match_types text[], p_case_ids uuid[], p_lookout_ids uuid[], p_agencies text[],
    p_hour_limit bigint, p_day_limit bigint, p_lock_keys text[], p_lock_seeds bigint[], p_watch_items uuid[], p_watch_since timestamptz,
    p_audit_at timestamptz, p_audit_actor text, p_audit_agency text, p_audit_action text, p_audit_entity_type text,
    p_audit_entity_id text, p_audit_details jsonb, p_audit_payload text, p_audit_dedup_key text,
    p_notice_users uuid[], p_notice_kinds text[], p_notice_entity_types text[], p_notice_entity_ids text[], p_notice_payloads jsonb[],
    p_notice_dedup_keys text[], p_channel text,
    OUT hour bigint, OUT day bigint, OUT kept boolean, OUT patterns json)
  LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
  BEGIN
    -- In the order given (the budget's first, then the items' sorted), one after another.
    PERFORM count(pg_advisory_xact_lock(hashtextextended(k.key, k.seed))) FROM unnest(p_lock_keys, p_lock_seeds) AS k(key, seed);
    SELECT coalesce(sum(c.items) FILTER (WHERE c.checked_at > p_checked_at - interval '1 hour'), 0), coalesce(sum(c.items), 0)
      INTO hour, day
      FROM deconfliction_checks c WHERE c.user_id = p_user_id AND c.checked_at > p_checked_at - interval '24 hours';
    kept := hour + p_items <= p_hour_limit AND day + p_items <= p_day_limit;
    patterns := '[]';
    IF NOT kept THEN RETURN; END IF;
    INSERT INTO deconfliction_checks (id, user_id, agency, checked_at, counts, items, matched_agencies)
    VALUES (p_id, p_user_id, p_agency, p_checked_at, p_counts, p_items, p_matched_agencies);
    INSERT INTO deconfliction_check_matches (check_id, item_id, match_type, case_id, lookout_id, agency, checker_agency, checked_at)
    SELECT p_id, u.item_id, u.match_type, u.case_id, u.lookout_id, u.agency, p_agency, p_checked_at
    FROM unnest(p_item_ids, p_match_types, p_case_ids, p_lookout_ids, p_agencies) AS u(item_id, match_type, case_id, lookout_id, agency);
    IF cardinality(p_watch_items) > 0 THEN
      SELECT coalesce(json_agg(p ORDER BY p.item_id, p.checks DESC, p.username), '[]') INTO patterns FROM (
        SELECT m.item_id, u.id AS user_id, u.username, u.full_name, u.phone, count(*)::int AS checks,
               EXISTS (SELECT 1 FROM deconfliction_check_alerts a
                       WHERE a.item_id = m.item_id AND a.checker_agency = p_agency AND a.raised_at > p_watch_since) AS alerted
        FROM deconfliction_check_matches m JOIN deconfliction_checks c ON c.id = m.check_id JOIN users u ON u.id = c.user_id
        WHERE m.item_id = ANY(p_watch_items) AND m.checker_agency = p_agency AND m.checked_at > p_watch_since
        GROUP BY m.item_id, u.id, u.username, u.full_name, u.phone) AS p;
    END IF;
    PERFORM audit_append(p_audit_at, p_audit_actor, p_audit_agency, p_audit_action, p_audit_entity_type, p_audit_entity_id,
      p_audit_details, p_audit_payload, p_audit_dedup_key);
    PERFORM push_notifications(p_notice_users, p_notice_kinds, p_notice_entity_types, p_notice_entity_ids, p_notice_payloads,
      p_notice_dedup_keys, p_channel);
  END $$`;

/**
 * A check was kept in a transaction of its own: START, the owners' read with the budget and pattern locks, the keeping
 * insert, COMMIT. Four round trips, each about a millisecond on a small machine whatever PostgreSQL does in it, and the
 * audit chain's lock (global) held from the insert until the COMMIT came back (issue 20, the API's own overhead).
 * `keep_check` keeps a check in one call, committed by the call's own statement:
 * - the budget lock, then the pattern locks, in the order every check takes them (CheckRepository.keep);
 * - then, each statement under a snapshot taken after those locks were granted (plpgsql, VOLATILE, READ COMMITTED), the
 *   user's checks of the last hour and day are summed, and the check is kept only if its charge fits both budgets;
 * - a kept check writes its matches, reads per watched item who of the checker's agency met it within the window (its
 *   own rows included) and whether an alert was already raised, appends its audit entry (audit_append: the chain lock
 *   comes last, as before) and pushes its notices. A refused one writes nothing.
 * Its plans are cached per session, as a function's are: a statement sent from Node was planned on every call.
 *
 * `push_notifications` is the notification rows and their announcement to each user who got a new one (pg_notify,
 * delivered at commit), for keep_check and for NotificationStore.push: one definition of what a push writes.
 */
export class KeepCheckInOneCall1763900000041 implements MigrationInterface {
  name = 'KeepCheckInOneCall1763900000041';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION push_notifications(
        p_users uuid[], p_kinds text[], p_entity_types text[], p_entity_ids text[], p_payloads jsonb[], p_dedup_keys text[], p_channel text)
      RETURNS integer
      LANGUAGE sql VOLATILE SET search_path = public, pg_temp AS $$
        WITH pushed AS (
          INSERT INTO notifications (user_id, kind, entity_type, entity_id, payload, dedup_key)
          SELECT n.* FROM unnest(p_users, p_kinds, p_entity_types, p_entity_ids, p_payloads, p_dedup_keys)
            AS n(user_id, kind, entity_type, entity_id, payload, dedup_key)
          ON CONFLICT (user_id, dedup_key) DO NOTHING RETURNING user_id)
        SELECT count(pg_notify(p_channel, u))::integer FROM (SELECT DISTINCT user_id::text AS u FROM pushed) AS users
      $$`);
    await q.query(KEEP_CHECK_1);
    for (const fn of [`push_notifications(${PUSH_ARGS})`, `keep_check(${KEEP_ARGS})`]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO casecoord_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION keep_check(${KEEP_ARGS})`);
    await q.query(`DROP FUNCTION push_notifications(${PUSH_ARGS})`);
  }
}
