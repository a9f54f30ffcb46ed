import type { Client } from 'pg';
import { printGrid, seconds } from './report';

/**
 * Reads the matching tables into memory after the load, as a server that has answered checks for hours has them:
 * without it the measured phase times the VM's disk on the first touch of each page (at 10,000,000 rows, 16,408 of
 * the p95 person statement's 30,665 buffers came from outside shared buffers). Indexes go into shared buffers
 * (pg_prewarm's 'buffer' mode, the hot side of every probe); heaps are read into the OS page cache ('read' mode),
 * which effective_cache_size tells the planner about. In production pg_prewarm's autoprewarm worker restores the
 * same state after a restart. BENCH_PREWARM=0 measures the cold server instead.
 */
export async function prewarmMatching(client: Client, tables: string[]): Promise<void> {
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
  const { rows } = await client.query<{ relation: string; kind: string; mode: string }>(
    `SELECT i.relname AS relation, 'index' AS kind, 'buffer' AS mode, 0 AS o
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
     UNION ALL
     SELECT t.relname, 'table', 'read', 1 FROM pg_class t WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
     ORDER BY o, relation`,
    [tables],
  );
  const timings: string[][] = [];
  for (const r of rows) {
    const started = performance.now();
    const { rows: [warmed] } = await client.query<{ blocks: string }>(
      `SELECT pg_prewarm(format('public.%I', $1::text)::regclass, $2) AS blocks`, [r.relation, r.mode],
    );
    timings.push([r.relation, r.kind, r.mode, (Number(warmed.blocks) * 8 / 1024).toFixed(1), seconds(performance.now() - started)]);
  }
  console.log('');
  console.log('prewarm after the load (indexes into shared buffers, heaps into the OS page cache)');
  printGrid(['relation', 'kind', 'mode', 'MiB', 's'], timings);
}
