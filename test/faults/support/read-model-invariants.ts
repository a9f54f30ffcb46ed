import type { Client as PgClient } from 'pg';

/**
 * The half-written states a fault can leave in PostgreSQL, each as a query listing the offending rows (so a failure
 * names them). Foreign keys already tie item and key rows to `cases`; these cover what no constraint can: an item
 * whose deconfliction key was never written (a crash between the append and its deconfliction), a key whose item is
 * gone, and the links by text id (idempotency answers, notifications, hits' items) that PostgreSQL does not check.
 */
const ITEMS = `(SELECT id, case_id FROM case_identifiers UNION ALL SELECT id, case_id FROM case_firearms
               UNION ALL SELECT id, case_id FROM case_subjects UNION ALL SELECT id, case_id FROM case_operations)`;

const NOTIFIED_TABLES: Record<string, string> = {
  hit: 'deconfliction_hits', case: 'cases', referral: 'referrals', meeting: 'meetings', action_item: 'action_items',
  seizure: 'seizures', trace: 'traces', lookout: 'lookouts',
};

/** Items of the given cases without the key deconfliction matches them by (ids of keys are those of their items). */
export async function itemsWithoutKeys(db: PgClient, caseIds: string[]): Promise<unknown[]> {
  return (await db.query(
    `SELECT 'identifier' AS item, i.id FROM case_identifiers i WHERE i.case_id = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM match_keys k WHERE k.item_id = i.id AND k.case_id = i.case_id)
     UNION ALL SELECT 'firearm', f.id FROM case_firearms f WHERE f.case_id = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM match_keys k WHERE k.item_id = f.id AND k.case_id = f.case_id)
     UNION ALL SELECT 'organization', s.id FROM case_subjects s WHERE s.case_id = ANY($1) AND s.kind = 'ORGANIZATION'
        AND NOT EXISTS (SELECT 1 FROM match_keys k WHERE k.item_id = s.id AND k.case_id = s.case_id)
     UNION ALL SELECT 'person', s.id FROM case_subjects s WHERE s.case_id = ANY($1) AND s.kind = 'PERSON'
        AND NOT EXISTS (SELECT 1 FROM person_keys p WHERE p.id = s.id AND p.case_id = s.case_id)
     UNION ALL SELECT 'operation', o.id FROM case_operations o WHERE o.case_id = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM event_keys e WHERE e.id = o.id AND e.case_id = o.case_id)`,
    [caseIds],
  )).rows;
}

/** Rows anywhere in the database that point at something that does not exist. */
export async function danglingRows(db: PgClient): Promise<unknown[]> {
  const notified = Object.entries(NOTIFIED_TABLES).map(([type, table]) =>
    `(n.entity_type = '${type}' AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.id::text = n.entity_id))`).join(' OR ');
  return (await db.query(
    `SELECT 'match key without its item' AS what, k.id::text FROM match_keys k WHERE k.case_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM ${ITEMS} i WHERE i.id = k.item_id AND i.case_id = k.case_id)
     UNION ALL SELECT 'person key without its subject', p.id::text FROM person_keys p
        WHERE p.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_subjects s WHERE s.id = p.id AND s.case_id = p.case_id)
     UNION ALL SELECT 'event key without its operation', e.id::text FROM event_keys e
        WHERE NOT EXISTS (SELECT 1 FROM case_operations o WHERE o.id = e.id AND o.case_id = e.case_id)
     UNION ALL SELECT 'hit without its case item', h.id::text FROM deconfliction_hits h
        WHERE (h.a_case_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM ${ITEMS} i WHERE i.id = h.a_item_id AND i.case_id = h.a_case_id))
           OR (h.b_case_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM ${ITEMS} i WHERE i.id = h.b_item_id AND i.case_id = h.b_case_id))
     UNION ALL SELECT 'idempotent case answer without its case', k.key FROM idempotency_keys k
        WHERE k.response ? 'caseNumber' AND k.response->>'workflowId' LIKE 'case-%'
          AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id::text = k.response->>'id')
     UNION ALL SELECT 'notification for a missing ' || n.entity_type, n.id::text FROM notifications n WHERE ${notified}`,
  )).rows;
}

/** Each accepted request's idempotency row: completed, 201, answering the id the client got. */
export async function idempotencyAnswers(db: PgClient, keys: string[]): Promise<{ key: string; status: number; id: string }[]> {
  return (await db.query(
    `SELECT key, status_code AS status, response->>'id' AS id FROM idempotency_keys WHERE key = ANY($1) ORDER BY key`, [keys],
  )).rows;
}

/**
 * Audit entries of the given cases and their hits that are missing or repeated: each case is created once and goes
 * through DECONFLICTION and ACTIVE once; each hit is created once, escalated once exactly when its row says so, and
 * resolved once exactly when its row says so.
 */
export async function auditMismatches(db: PgClient, caseIds: string[]): Promise<unknown[]> {
  return (await db.query(
    `WITH counts AS (
       SELECT entity_id, action, details->>'status' AS status, count(*)::int AS n FROM audit_log GROUP BY 1, 2, 3),
     expected AS (
       SELECT c.id::text AS entity_id, 'case.created' AS action, NULL AS status, 1 AS n FROM cases c WHERE c.id = ANY($1)
       UNION ALL SELECT c.id::text, 'case.status_changed', s, 1 FROM cases c, unnest(ARRAY['DECONFLICTION', 'ACTIVE']) s
         WHERE c.id = ANY($1)
       UNION ALL SELECT h.id::text, 'hit.created', NULL, 1 FROM deconfliction_hits h WHERE h.a_case_id = ANY($1)
       UNION ALL SELECT h.id::text, 'hit.escalated', NULL, (h.escalated_at IS NOT NULL)::int FROM deconfliction_hits h
         WHERE h.a_case_id = ANY($1)
       UNION ALL SELECT h.id::text, 'hit.resolved', NULL, (h.status = 'RESOLVED')::int FROM deconfliction_hits h
         WHERE h.a_case_id = ANY($1))
     SELECT e.entity_id, e.action, e.status, e.n AS expected, coalesce(sum(n.n), 0)::int AS found
       FROM expected e LEFT JOIN counts n ON n.entity_id = e.entity_id AND n.action = e.action
        AND (e.status IS NULL OR n.status = e.status)
      GROUP BY 1, 2, 3, 4 HAVING coalesce(sum(n.n), 0) <> e.n`,
    [caseIds],
  )).rows;
}
