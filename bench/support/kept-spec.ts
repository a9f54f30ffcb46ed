import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/db/data-source';
import { applyDobErrors } from './dob-errors';
import type { GenSpec } from './generators';
import { VARIANT_CLASSES } from './person-variants';
import { BenchQuery, personCheckQueries } from './queries';

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

/**
 * The kept stack's database, opened twice: as the app (the probe's data source, one connection) and as the owner (a
 * plain client, which reads the spec back and signs the agents in). `close` ends both.
 */
export async function openKept(url: string): Promise<{ dataSource: DataSource; db: Client; close: () => Promise<void> }> {
  const dataSource = createDataSource({ url, asAppRole: true, poolSize: 1, applicationName: 'bench-probe' });
  await dataSource.initialize();
  const db = new Client({ connectionString: url, application_name: 'bench-kept' });
  await db.connect();
  return { dataSource, db, close: async () => { await db.end(); await dataSource.destroy(); } };
}

/** The person checks a kept-stack tool runs: 10 per variant kind to warm up, then `perKind` per kind timed. */
export function keptPersonQueries(spec: GenSpec, rows: number, perKind: number): { warmUp: number; all: BenchQuery[] } {
  const all = applyDobErrors(spec, personCheckQueries(spec, rows, (perKind + 10) * VARIANT_CLASSES.length));
  return { warmUp: 10 * VARIANT_CLASSES.length, all };
}
