import type { Client } from 'pg';
import type { GenSpec } from './generators';

/** Queries bench:deconfliction runs untimed before each kind's timed ones (persons: 10 per variant kind instead). */
export const WARM_UP = 100;

/** Agents the API checks are sent by in turn (AgentPool): about 140 checks each per run, under a real day's budget of 300. */
export const BENCH_AGENTS = 20;

/**
 * The generator's spec of a database kept by `BENCH_KEEP=1 npm run bench:deconfliction`, read back from it (its bench
 * cases) so that a tool run later draws the same queries: the seed the run used, and the month it was loaded in.
 */
export async function keptSpec(db: Client, seed: number): Promise<GenSpec> {
  const { rows: [c] } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM cases WHERE workflow_id LIKE 'bench-%'`);
  const now = new Date();
  return { seed, caseCount: Number(c.n), epochMs: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) };
}
