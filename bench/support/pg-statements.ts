import type { Client } from 'pg';

/** BENCH_PG_STATEMENTS=1: a bench also prints what PostgreSQL spent, statement by statement (pg_stat_statements). */
export const PG_STATEMENTS = process.env.BENCH_PG_STATEMENTS === '1';

// track=all: the statements a function runs (keep_check's inserts, its notices, audit_append) are counted one by one;
// track_planning: planning is a cost of its own, which a prepared statement's generic plan saves.
export const PG_STATEMENTS_SETTINGS = {
  shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all', 'pg_stat_statements.track_planning': 'on',
};

export interface ServerStatement { query: string; toplevel: boolean; calls: string; exec_ms: number; plan_ms: number }

export async function resetServerStatements(db: Client): Promise<void> {
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await db.query('SELECT pg_stat_statements_reset()');
}

export interface ServerTotals { calls: number; exec_ms: number; plan_ms: number }

export interface ServerReport { totals: ServerTotals; rows: ServerStatement[] }

/** What PostgreSQL ran since the last reset: totals over every top-level statement, and the `limit` costliest. */
export async function serverStatements(db: Client, limit = 40): Promise<ServerReport> {
  const rows = (await db.query<ServerStatement>(
    `SELECT query, toplevel, calls, total_exec_time AS exec_ms, total_plan_time AS plan_ms FROM pg_stat_statements
     WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`, [limit])).rows;
  const sum = (await db.query<{ calls: string | null; exec_ms: number | null; plan_ms: number | null }>(
    `SELECT sum(calls) AS calls, sum(total_exec_time) AS exec_ms, sum(total_plan_time) AS plan_ms FROM pg_stat_statements
     WHERE toplevel AND query NOT LIKE '%pg_stat_statements%'`)).rows[0];
  return { totals: { calls: Number(sum.calls ?? 0), exec_ms: sum.exec_ms ?? 0, plan_ms: sum.plan_ms ?? 0 }, rows };
}

/** Per `unit` (a check, a case): the top-level statements' execution and planning, then the costliest statements. */
export function printServerStatements(side: string, { totals, rows }: ServerReport, units: number, shown = 14): void {
  console.log(`PostgreSQL per ${side} (pg_stat_statements, track=all): ${(totals.calls / units).toFixed(1)} top-level statements, ` +
    `${(totals.exec_ms / units).toFixed(2)} ms executing and ${(totals.plan_ms / units).toFixed(2)} ms planning them; each: calls, ` +
    'execution ms, planning ms (nested indented)');
  for (const r of rows.slice(0, shown)) {
    const text = r.query.replace(/\s+/g, ' ').slice(0, 90);
    console.log(`  ${(Number(r.calls) / units).toFixed(2)} ${(r.exec_ms / units).toFixed(3).padStart(7)} ${(r.plan_ms / units).toFixed(3).padStart(6)}  ${r.toplevel ? '' : '  '}${text}`);
  }
}
