import { Client as PgClient } from 'pg';
import { AUDIT_CHAIN_LOCK } from '../../libs/audit/audit-store';
import { eventually, uniqueWord, withDb } from '../support/http';
import { FaultStack } from './support/fault-stack';
import { expectConsistent, faultCases, retryUntilAccepted } from './support/invariants';

describe('faults: the worker', () => {
  let stack: FaultStack;
  beforeAll(async () => { stack = await FaultStack.start(); });
  afterAll(async () => { await stack?.stop(); });

  it('is killed (SIGKILL) in the middle of an activity, restarts, and nothing is lost or applied twice', async () => {
    await stack.stopWorker();
    const run = `worker-kill-${uniqueWord()}`;
    const accepted = await retryUntilAccepted(faultCases(run, 6));

    // Every intake activity appends to the audit chain under one advisory lock. Holding it from here pins the next
    // worker inside an activity, with its transaction open, for as long as the test wants: the kill then lands in
    // the middle of an activity by construction, not by timing luck.
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
    // The killed worker's transactions never committed: nothing of the interrupted step is visible.
    const progressed = await withDb(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND status <> 'INTAKE'`, [accepted.map((a) => a.id)],
    )).rows[0].n);
    expect(progressed).toBe(0);

    await stack.startWorker();
    await expectConsistent(run, accepted);
  });

  it('is absent while cases keep arriving; once one starts it drains the backlog', async () => {
    await stack.stopWorker();
    const run = `no-worker-${uniqueWord()}`;
    const accepted = await retryUntilAccepted(faultCases(run, 40));
    // Accepted means committed and started: the workflows wait in Temporal's task queue, not in memory anywhere.
    await new Promise((r) => setTimeout(r, 3000));
    const waiting = await withDb(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND status = 'INTAKE'`, [accepted.map((a) => a.id)],
    )).rows[0].n);
    expect(waiting).toBe(40);

    await stack.startWorker();
    await expectConsistent(run, accepted);
  });
});
