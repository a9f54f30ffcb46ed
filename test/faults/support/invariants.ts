import { randomUUID } from 'node:crypto';
import { eventually, http, login, sampleCase, withDb, withTemporal } from '../../support/http';
import { auditMismatches, danglingRows, idempotencyAnswers, itemsWithoutKeys } from './read-model-invariants';
import { caseMismatches, hitMismatches, itemsOf, ItemCounts } from './workflow-invariants';

/**
 * The Retry-After (seconds) of every 503 a fault causes: a dependency away (apps/api/src/common/problem.filter.ts) or an
 * update whose outcome is not known yet (apps/api/src/infra/temporal.service.ts). A fixed value, not configurable.
 */
export const RETRY_AFTER_UNAVAILABLE = '5';

/** A creating request the API accepted (2xx): its key, the body it carried and the id it answered. */
export interface Accepted { key: string; body: ReturnType<typeof sampleCase>; id: string }

/** A request as a client keeps it: the body and Idempotency-Key it will send again, unchanged, until it is accepted. */
export interface PendingCase { key: string; body: ReturnType<typeof sampleCase> }

/**
 * `count` cases of one fault run. Each pair shares a phone number, so every pair raises one hit between the two
 * agencies: the faults then hit deconfliction and the hit workflows too, not intake alone.
 */
export function faultCases(run: string, count: number): PendingCase[] {
  const pairs: PendingCase[] = [];
  // The exchange tells pairs of one run apart, the line number runs apart.
  const line = String(Math.floor(Math.random() * 9000) + 1000);
  for (let i = 0; i < count; i += 1) {
    const phone = `+1 520 ${Math.floor(i / 2) + 200} ${line}`;
    pairs.push({ key: randomUUID(), body: sampleCase({ title: `${run} ${i}`, identifiers: [{ type: 'PHONE', value: phone }] }) });
  }
  // Both members of a pair share the first one's phone.
  for (let i = 1; i < count; i += 2) pairs[i].body.identifiers = pairs[i - 1].body.identifiers;
  return pairs;
}

/** Which agent sends a case: pairs cross agencies, so their hit is between two agencies. */
export const senderOf = (index: number): string => (index % 2 === 0 ? 'ice.agent' : 'dea.agent');

/** One attempt (to the stack's API, or `baseUrl`); a dropped connection is status 0, which a client retries like a 503. */
export async function postCase(pending: PendingCase, index: number, baseUrl?: string) {
  return http('POST', '/cases', {
    token: await login(senderOf(index)), body: pending.body, headers: { 'idempotency-key': pending.key }, baseUrl,
  }).catch((error: Error) => ({ status: 0, body: { transportError: error.message }, headers: new Headers() }));
}

/**
 * Sends each request until the API accepts it, with the same key and body each time, as a client retrying after a
 * 503 or a dropped connection does. Any answer other than 201 or 503 (or no answer at all) fails the test.
 */
export async function retryUntilAccepted(pending: PendingCase[], timeoutMs = 120_000): Promise<Accepted[]> {
  const deadline = Date.now() + timeoutMs;
  return Promise.all(pending.map(async (request, index) => {
    for (;;) {
      const response = await postCase(request, index);
      if (response.status === 201) return { ...request, id: response.body.id as string };
      if (response.status !== 503 && response.status !== 0) {
        throw new Error(`case ${index}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
      }
      if (Date.now() > deadline) throw new Error(`case ${index} not accepted within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }));
}

/** Waits until every case's workflow has taken it through intake (the read model says ACTIVE). */
export async function waitUntilActive(ids: string[], timeoutMs = 120_000): Promise<void> {
  const pending = await eventually(
    () => withDb(async (db) => (await db.query(`SELECT id FROM cases WHERE id = ANY($1) AND status <> 'ACTIVE'`, [ids])).rows),
    (rows) => rows.length === 0, timeoutMs,
  );
  expect(pending).toEqual([]);
}

/** Waits until Temporal knows the workflow (a child is registered a moment after the row that names it). */
export async function waitForWorkflow(workflowId: string): Promise<void> {
  const found = await withTemporal((client) => eventually(
    () => client.workflow.getHandle(workflowId).describe().then(() => true, () => false), (exists) => exists,
  ));
  expect(found).toBe(true);
}

/**
 * What every fault test checks afterwards:
 * - every accepted request is in the database exactly once (one case per key and per title, with all its items), and
 *   its idempotency row is complete and answers the id the client got;
 * - nothing is half-written: every item has its deconfliction key (match, person or event key), no key, hit,
 *   idempotent answer or notification points at a row that does not exist;
 * - no state change was applied twice or lost: each case's creation and status changes, each hit's creation, and its
 *   escalation and resolution exactly when its row says so, are audited once;
 * - every case workflow agrees with the read model (status; `appendsApplied` = appends audited; items stored = items
 *   created + items appended), and each hit workflow with its row (status, resolution, escalation);
 * - the audit chain verifies end to end.
 */
export async function expectConsistent(run: string, accepted: Accepted[]): Promise<void> {
  const ids = accepted.map((a) => a.id);
  expect(new Set(ids).size).toBe(accepted.length);
  await waitUntilActive(ids);

  await withDb(async (db) => {
    const cases = (await db.query(
      `SELECT c.id, c.title,
              (SELECT count(*)::int FROM case_subjects s WHERE s.case_id = c.id) AS subjects,
              (SELECT count(*)::int FROM case_identifiers i WHERE i.case_id = c.id) AS identifiers,
              (SELECT count(*)::int FROM case_firearms f WHERE f.case_id = c.id) AS firearms,
              (SELECT count(*)::int FROM case_operations o WHERE o.case_id = c.id) AS operations
         FROM cases c WHERE c.title LIKE $1 || ' %'`, [run],
    )).rows;
    expect(cases.map((c) => c.id).sort()).toEqual([...ids].sort());
    for (const request of accepted) {
      const row = cases.find((c) => c.id === request.id);
      expect(row).toMatchObject({
        title: request.body.title, subjects: request.body.subjects.length, identifiers: request.body.identifiers.length,
        firearms: request.body.firearms.length, operations: request.body.operations.length,
      });
    }

    const repeated = (await db.query(
      `SELECT action, entity_id, details->>'status' AS status, count(*)::int AS n FROM audit_log
        WHERE action IN ('case.created', 'case.status_changed', 'hit.created', 'hit.escalated', 'hit.resolved',
                         'referral.sent', 'referral.escalated', 'referral.acknowledged', 'referral.accepted')
        GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    )).rows;
    expect(repeated).toEqual([]);
    const created = (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.created' AND entity_id = ANY($1)`, [ids])).rows[0].n;
    expect(created).toBe(ids.length);

    // Pairs share a phone: one hit per pair, no more, no fewer.
    const hits = (await db.query(
      `SELECT h.id FROM deconfliction_hits h WHERE h.a_case_id = ANY($1) AND h.b_case_id = ANY($1)`, [ids],
    )).rows;
    expect(hits.length).toBe(Math.floor(ids.length / 2));
    await withTemporal(async (client) => {
      for (const hit of hits) {
        const description = await client.workflow.getHandle(`hit-${hit.id}`).describe();
        expect(description.type).toBe('hitWorkflow');
      }
    });
  });

  // Every referral the rules raised runs its workflow, and its row says so only once it does (however the start came
  // about: the case's run, or the relay for one whose start never happened).
  const referrals = await eventually(() => withDb(async (db) => (await db.query(
    `SELECT id, workflow_started_at IS NOT NULL AS started FROM referrals WHERE case_id = ANY($1) ORDER BY id`, [ids])).rows as { id: string; started: boolean }[]),
  (rows) => rows.every((r) => r.started), 60_000);
  expect(referrals.filter((r) => !r.started)).toEqual([]);
  expect(referrals.length).toBeGreaterThanOrEqual(ids.length);
  await withTemporal(async (client) => {
    for (const referral of referrals) expect((await client.workflow.getHandle(`referral-${referral.id}`).describe()).type).toBe('referralWorkflow');
  });

  await withDb(async (db) => {
    expect(await itemsWithoutKeys(db, ids)).toEqual([]);
    expect(await danglingRows(db)).toEqual([]);
    expect(await auditMismatches(db, ids)).toEqual([]);
    const byKey = [...accepted].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(await idempotencyAnswers(db, byKey.map((a) => a.key))).toEqual(byKey.map((a) => ({ key: a.key, status: 201, id: a.id })));
  });
  await expectWorkflowsAgree(new Map(accepted.map((a) => [a.id, itemsOf(a.body)])));

  const verify = await http('GET', '/audit/verify', { token: await login('leadership') });
  expect(verify.status).toBe(200);
  expect(verify.body).toMatchObject({ ok: true });
}

/**
 * Case and hit workflows agree with their rows (see workflow-invariants.ts). Polled: an escalation timer may fire
 * between reading a row and querying its workflow; a real disagreement stays and fails with the mismatches listed.
 */
export async function expectWorkflowsAgree(created: Map<string, ItemCounts>): Promise<void> {
  const ids = [...created.keys()];
  const mismatches = await withTemporal((client) => eventually(
    () => withDb(async (db) => [...await caseMismatches(db, client, created), ...await hitMismatches(db, client, ids)]),
    (found) => found.length === 0, 30_000,
  ));
  expect(mismatches).toEqual([]);
}
