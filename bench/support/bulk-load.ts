import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Generic loading tools: COPY from a row generator with a progress line, and drop/recreate of secondary indexes. */

export type Log = (line: string) => void;
export type CopyValue = string | number | boolean | null;

const PROGRESS_EVERY = 100_000;
const CHUNK_LINES = 2_000;

/** One value in COPY text format: \N for null, backslash escapes for the characters the format reserves. */
export function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

/**
 * A PostgreSQL text[] literal with every element quoted (an element may hold spaces or be empty, as a token's codes
 * can); callers pass values without quotes or backslashes (folded names, codes).
 */
export const textArray = (items: string[]): string => `{${items.map((i) => `"${i}"`).join(',')}}`;

export interface CopyResult { rows: number; ms: number }

/**
 * Streams `total` rows into `copySql` (a `COPY ... FROM STDIN`). `rowsFrom` yields each row's values; one source
 * item may yield several rows (an obliterated serial stores each readable part), so the count is of rows written.
 */
export async function copyRows(
  client: Client, label: string, copySql: string, total: number, rowsFrom: () => Iterable<CopyValue[]>, log: Log,
): Promise<CopyResult> {
  const started = performance.now();
  let written = 0;
  function* chunks(): Generator<string> {
    let lines: string[] = [];
    for (const values of rowsFrom()) {
      if (written >= total) break;
      lines.push(values.map(copyText).join('\t'));
      written += 1;
      if (written % PROGRESS_EVERY === 0) {
        const s = (performance.now() - started) / 1000;
        log(`${label}: ${written.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} rows (${s.toFixed(1)} s, ${Math.round(written / s).toLocaleString('en-US')} rows/s)`);
      }
      if (lines.length === CHUNK_LINES) { yield `${lines.join('\n')}\n`; lines = []; }
    }
    if (lines.length > 0) yield `${lines.join('\n')}\n`;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(copySql)));
  return { rows: written, ms: performance.now() - started };
}

export interface IndexDef { table: string; name: string; def: string }

/** Indexes that no constraint owns (the primary keys stay: dropping them would also mean re-checking uniqueness). */
export async function secondaryIndexes(client: Client, tables: string[]): Promise<IndexDef[]> {
  const { rows } = await client.query<{ table: string; name: string; def: string }>(
    `SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS def
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY t.relname, i.relname`,
    [tables],
  );
  return rows;
}

export async function dropIndexes(client: Client, indexes: IndexDef[]): Promise<void> {
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
}

/**
 * Recreates each index from the definition PostgreSQL printed for it, so the result is the migration's index. The
 * builds share `clients` (one build per connection at a time), the GiST and GIN ones first: GiST builds on one core,
 * so another connection's builds overlap it; B-tree and GIN builds also take parallel workers of their own.
 */
export async function createIndexes(sessions: Client | Client[], indexes: IndexDef[], log: Log): Promise<{ name: string; ms: number }[]> {
  const clients = Array.isArray(sessions) ? sessions : [sessions];
  const timings: { name: string; ms: number }[] = [];
  const queue = [...indexes].sort((a, b) => Number(/USING btree/.test(a.def)) - Number(/USING btree/.test(b.def)));
  await Promise.all(clients.map(async (client) => {
    for (let index = queue.shift(); index; index = queue.shift()) {
      const started = performance.now();
      await client.query(index.def);
      const ms = performance.now() - started;
      timings.push({ name: index.name, ms });
      log(`index ${index.name} built in ${(ms / 1000).toFixed(1)} s`);
    }
  }));
  return timings;
}

export interface ConstraintDef { table: string; name: string; def: string; kind: 'p' | 'f' }

/**
 * Primary and foreign keys of the loaded tables. During a COPY every row would insert into the primary key's B-tree at
 * a random place (the ids are hashes) and queue a foreign-key check; added after the load, the primary key is one
 * sorted build and each foreign key one join that validates every row at once.
 */
export async function keyConstraints(client: Client, tables: string[]): Promise<ConstraintDef[]> {
  const { rows } = await client.query<ConstraintDef>(
    `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.contype AS kind
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace AND c.contype IN ('p', 'f')
     ORDER BY t.relname, c.contype DESC, c.conname`,
    [tables],
  );
  return rows;
}

export async function dropConstraints(client: Client, constraints: ConstraintDef[]): Promise<void> {
  for (const c of constraints) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
}

/** Each ADD CONSTRAINT validates the whole table (a foreign key locks the referenced table too: one at a time). */
export async function addConstraints(client: Client, constraints: ConstraintDef[], log: Log): Promise<{ name: string; ms: number }[]> {
  const timings: { name: string; ms: number }[] = [];
  for (const c of constraints) {
    const started = performance.now();
    await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`);
    const ms = performance.now() - started;
    timings.push({ name: c.name, ms });
    log(`constraint ${c.name} added (validated) in ${(ms / 1000).toFixed(1)} s`);
  }
  return timings;
}

/** The indexes and key constraints after the load must be exactly those before it (same names, same definitions). */
export async function assertIndexesRestored(client: Client, before: IndexDef[], constraints: ConstraintDef[]): Promise<void> {
  const tables = [...new Set(before.map((i) => i.table))];
  const after = await secondaryIndexes(client, tables);
  const text = (list: { name: string; def: string }[]) => list.map((i) => `${i.name} ${i.def}`).sort().join('\n');
  if (text(after) !== text(before)) throw new Error(`indexes differ after the load:\n${text(after)}\nexpected:\n${text(before)}`);
  const keysAfter = await keyConstraints(client, tables);
  if (text(keysAfter) !== text(constraints)) throw new Error(`keys differ after the load:\n${text(keysAfter)}\nexpected:\n${text(constraints)}`);
}

export interface BenchCase { id: string; agency: string; caseNumber: string }

const CASE_AGENCIES = ['ATF', 'CBP', 'DEA', 'FBI', 'PGR'];
const LEAD_AGENTS = ['atf.agent', 'cbp.officer', 'dea.agent', 'fbi.agent', 'pgr.liaison'];

/**
 * Cases owned by five agencies, each led by that agency's demo agent, ACTIVE, with a workflow marked started (so the
 * worker's relay leaves them alone; matching never asks Temporal about them). Numbers from 2024-2025 cannot collide
 * with the sequences the API uses this year.
 */
export async function createCases(client: Client, count: number): Promise<BenchCase[]> {
  await client.query(
    `WITH agents AS (SELECT agency_code, id FROM users WHERE username = ANY($2))
     INSERT INTO cases (id, case_number, owning_agency, lead_agent_id, title, category, flags, status, workflow_id,
                        workflow_started_at, created_at, updated_at)
     SELECT gen_random_uuid(),
            ($3::text[])[1 + g % 5] || '-' || (2024 + (g / 5) % 2) || '-' || lpad((g / 10 + 1)::text, 6, '0'),
            a.agency_code, a.id, 'Bench case ' || g,
            (ARRAY['ARMS_TRAFFICKING','DRUG_TRAFFICKING','MONEY_LAUNDERING','HUMAN_SMUGGLING','FUGITIVE'])[1 + (g / 7) % 5],
            '{}', 'ACTIVE', 'bench-' || lpad(g::text, 8, '0'), now(), now() - (g % 700) * interval '1 day', now()
     FROM generate_series(0, $1 - 1) AS g JOIN agents a ON a.agency_code = ($3::text[])[1 + g % 5]`,
    [count, LEAD_AGENTS, CASE_AGENCIES],
  );
  const { rows } = await client.query<{ id: string; owning_agency: string; case_number: string }>(
    `SELECT id, owning_agency, case_number FROM cases WHERE workflow_id LIKE 'bench-%' ORDER BY workflow_id`,
  );
  return rows.map((r) => ({ id: r.id, agency: r.owning_agency, caseNumber: r.case_number }));
}
