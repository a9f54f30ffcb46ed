import type { Client } from '@temporalio/client';
import type { Client as PgClient } from 'pg';
import type { CaseWorkflowState } from '../../../libs/contracts/case-items';
import type { HitWorkflowState } from '../../../libs/contracts/hits';

export const ITEM_KINDS = ['subjects', 'identifiers', 'firearms', 'operations'] as const;
export type ItemCounts = Record<(typeof ITEM_KINDS)[number], number>;

/** The items a case was created with, as its creating request carried them. */
export const itemsOf = (body: Record<(typeof ITEM_KINDS)[number], unknown[]>): ItemCounts => ({
  subjects: body.subjects.length, identifiers: body.identifiers.length,
  firearms: body.firearms.length, operations: body.operations.length,
});

/**
 * Where a case workflow and the read model disagree. Three sources must tell one story: the workflow's own count of
 * appends it applied (`appendsApplied`, from its `caseState` query), the audit entries those appends wrote
 * (`case.<kind>_added`, with how many items each), and the item rows: created + appended, per kind.
 */
export async function caseMismatches(
  db: PgClient, client: Client, created: Map<string, ItemCounts>,
): Promise<unknown[]> {
  const ids = [...created.keys()];
  const rows: ({ id: string; status: string; appends: number } & ItemCounts & Record<string, number | string>)[] = (await db.query(
    `SELECT c.id, c.status,
            (SELECT count(*) FROM case_subjects s WHERE s.case_id = c.id)::int AS subjects,
            (SELECT count(*) FROM case_identifiers i WHERE i.case_id = c.id)::int AS identifiers,
            (SELECT count(*) FROM case_firearms f WHERE f.case_id = c.id)::int AS firearms,
            (SELECT count(*) FROM case_operations o WHERE o.case_id = c.id)::int AS operations,
            (SELECT count(*) FROM audit_log a WHERE a.entity_id = c.id::text AND a.action LIKE 'case.%\\_added')::int AS appends,
            ${ITEM_KINDS.map((kind) => `(SELECT coalesce(sum((a.details->>'count')::int), 0) FROM audit_log a
               WHERE a.entity_id = c.id::text AND a.action = 'case.${kind}_added')::int AS added_${kind}`).join(', ')}
       FROM cases c WHERE c.id = ANY($1)`, [ids],
  )).rows;
  // Queried at once: each query is a task for the worker, which may still be draining a backlog.
  const states = await Promise.all(rows.map((row) => client.workflow.getHandle(`case-${row.id}`).query<CaseWorkflowState>('caseState')));
  const mismatches: unknown[] = [];
  for (const [index, row] of rows.entries()) {
    const state = states[index];
    const expected = created.get(row.id) as ItemCounts;
    const items = Object.fromEntries(ITEM_KINDS.map((kind) => [kind, expected[kind] + Number(row[`added_${kind}`])]));
    const stored = Object.fromEntries(ITEM_KINDS.map((kind) => [kind, row[kind]]));
    if (state.status !== row.status || state.appendsApplied !== row.appends || JSON.stringify(items) !== JSON.stringify(stored)) {
      mismatches.push({ case: row.id, workflow: state, row: { status: row.status, appendsAudited: row.appends, stored }, expectedItems: items });
    }
  }
  if (rows.length !== ids.length) mismatches.push({ missingCases: ids.filter((id) => !rows.some((r) => r.id === id)) });
  return mismatches;
}

/**
 * Where a hit workflow (its `hitState` query) and its row disagree: the status, and the row's own fields for it —
 * a resolution, its author and time exactly when RESOLVED, an escalation time when ESCALATED, neither when OPEN.
 */
export async function hitMismatches(db: PgClient, client: Client, caseIds: string[]): Promise<unknown[]> {
  const hits = (await db.query(
    `SELECT id, status, resolution, resolved_by, resolved_at, escalated_at, workflow_id FROM deconfliction_hits
      WHERE a_case_id = ANY($1) OR b_case_id = ANY($1) ORDER BY id`, [caseIds],
  )).rows;
  const states = await Promise.all(hits.map((hit) => client.workflow.getHandle(hit.workflow_id).query<HitWorkflowState>('hitState')));
  const mismatches: unknown[] = [];
  for (const [index, hit] of hits.entries()) {
    const state = states[index];
    const resolved = hit.status === 'RESOLVED';
    const fields = [hit.resolution, hit.resolved_by, hit.resolved_at];
    const rowHolds = (resolved ? fields.every((f) => f !== null) : fields.every((f) => f === null))
      && (hit.status !== 'ESCALATED' || hit.escalated_at !== null) && (hit.status !== 'OPEN' || hit.escalated_at === null);
    if (state.hitId !== hit.id || state.status !== hit.status || !rowHolds) mismatches.push({ hit, workflow: state });
  }
  return mismatches;
}
