import { Client as PgClient } from 'pg';
import { AUDIT_CHAIN_LOCK } from '../../libs/audit/audit-store';
import { randomUUID } from 'node:crypto';
import { eventually, http, login, uniqueWord, withDb } from '../support/http';
import { FaultStack } from './support/fault-stack';
import {
  expectConsistent, expectWorkflowsAgree, faultCases, RETRY_AFTER_UNAVAILABLE, retryUntilAccepted, waitUntilActive,
} from './support/invariants';
import { itemsOf } from './support/workflow-invariants';

describe('faults: the worker', () => {
  let stack: FaultStack;
  // A short update wait, so an append sent while no worker runs answers 503 in seconds rather than 20.
  beforeAll(async () => { stack = await FaultStack.start({ UPDATE_WAIT: '3s' }); });
  afterAll(async () => { await stack?.stop(); });

  it('is killed (SIGKILL) in the middle of an activity, restarts, and nothing is lost or applied twice', async () => {
    await stack.stopWorker();
    const run = `worker-kill-${uniqueWord()}`;
    const accepted = await retryUntilAccepted(faultCases(run, 6));

    // Every intake activity appends to the audit chain under one advisory lock. Holding it from here pins the next
    // worker inside an activity, its statement waiting, for as long as the test wants: the kill then lands in the
    // middle of an activity by construction, not by timing luck.
    const holder = new PgClient({ connectionString: stack.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
      await stack.startWorker();
      const blocked = await eventually(
        () => withDb(async (db) => (await db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE application_name = 'casecoord-worker' AND wait_event_type = 'Lock' AND state = 'active'`,
        )).rows[0].n as number),
        (n) => n > 0, 60_000,
      );
      expect(blocked).toBeGreaterThan(0);
      await stack.killWorker();
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    // What the killed worker had sent may land once the lock is released (its status change is one statement, which
    // commits without its client, as a step that committed just before the kill), but no step after it ran: no case
    // is ACTIVE and none has had its values deconflicted. The restarted worker must then finish each step once.
    const ids = accepted.map((a) => a.id);
    const progressed = await withDb(async (db) => (await db.query(
      `SELECT (SELECT count(*)::int FROM cases WHERE id = ANY($1) AND status = 'ACTIVE') AS active,
              (SELECT count(*)::int FROM match_keys WHERE case_id = ANY($1)) AS deconflicted`, [ids],
    )).rows[0]);
    expect(progressed).toEqual({ active: 0, deconflicted: 0 });

    await stack.startWorker();
    await expectConsistent(run, accepted);
  });

  it('is absent while cases keep arriving; once one starts it drains the backlog', async () => {
    const ice = await login('ice.agent');
    const [earlier] = await retryUntilAccepted(faultCases(`before-no-worker-${uniqueWord()}`, 1));
    await waitUntilActive([earlier.id]);
    await stack.stopWorker();
    const run = `no-worker-${uniqueWord()}`;
    const accepted = await retryUntilAccepted(faultCases(run, 40));

    // Without a worker the API still reads and checks, and an append (a workflow update) says it is pending.
    const check = await http('POST', '/deconfliction/checks', { token: ice, body: { identifiers: accepted[0].body.identifiers } });
    expect(check.status).toBe(200);
    expect((await http('GET', `/cases/${accepted[0].id}`, { token: ice })).body.status).toBe('INTAKE');
    const appendKey = randomUUID();
    const append = () => http('POST', `/cases/${earlier.id}/identifiers`, {
      token: ice, body: { identifiers: [{ type: 'EMAIL', value: `${run}@example.org` }] }, headers: { 'idempotency-key': appendKey },
    });
    const pending = await append();
    expect(pending.status).toBe(503);
    expect(pending.headers.get('retry-after')).toBe(RETRY_AFTER_UNAVAILABLE);
    // Accepted means committed and started: the workflows wait in Temporal's task queue, not in memory anywhere.
    await new Promise((r) => setTimeout(r, 3000));
    const waiting = await withDb(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND status = 'INTAKE'`, [accepted.map((a) => a.id)],
    )).rows[0].n);
    expect(waiting).toBe(40);
    // The API marked every start itself (in batches); the relay, which lives in the worker, had nothing to do.
    const unmarked = await withDb(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND workflow_started_at IS NULL`, [accepted.map((a) => a.id)],
    )).rows[0].n);
    expect(unmarked).toBe(0);

    await stack.startWorker();
    await expectConsistent(run, accepted);
    // The retry with the same key finds the update the server kept for the worker: applied once, not twice.
    const retried = await eventually(append, (r) => r.status === 201, 30_000);
    expect(retried.status).toBe(201);
    expect(await withDb(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM case_identifiers WHERE case_id = $1 AND type = 'EMAIL'`, [earlier.id],
    )).rows[0].n)).toBe(1);
    // The workflow counts that append once, as the audit and the identifier rows do.
    await expectWorkflowsAgree(new Map([[earlier.id, itemsOf(earlier.body)]]));
  });
});
