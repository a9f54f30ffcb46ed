import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AuditStore } from '../../libs/audit/audit-store';
import type { Match } from '../../libs/deconfliction/matching.repository';
import { nameTokens } from '../../libs/deconfliction/normalize';
import type { Prober, Statement } from './measure';
import { VARIANT_CLASSES, VariantClass } from './person-variants';
import type { BenchQuery } from './queries';
import { bothDobsKnown, namesakeOfSource } from './quality';
import { printGrid } from './report';
import type { Sample } from './stats';

/** Evidence for the report: where API time goes, what a slow probe statement does, what the wrong person matches are. */

/**
 * Every check appends an audit entry in a transaction of its own (advisory lock, last hash, insert, commit with
 * synchronous_commit on): timed alone, it shows how much of the API's time is the audit trail rather than matching.
 */
export async function auditAppendSample(dataSource: DataSource, count: number): Promise<Sample> {
  const audit = new AuditStore(dataSource);
  const sample: Sample = { latenciesMs: [], elapsedMs: 0, errors: 0 };
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await audit.append({ actor: 'bench', agency: 'ICE', action: 'bench.audit_baseline', entityType: 'check', details: { i } });
    const ms = performance.now() - started;
    sample.latenciesMs.push(ms);
    sample.elapsedMs += ms;
  }
  return sample;
}

/**
 * Each loaded table's heap (with its TOAST), each of its indexes (the primary key's too) and the total, from
 * pg_relation_size / pg_total_relation_size: what the matching data costs on disk and in cache at this row count.
 */
export async function printRelationSizes(client: Client, tables: string[]): Promise<void> {
  const { rows } = await client.query<{ table: string; relation: string; kind: string; bytes: string; rows: string }>(
    `SELECT t.relname AS table, t.relname AS relation, 'table (heap + TOAST)' AS kind,
            (pg_total_relation_size(t.oid) - pg_indexes_size(t.oid))::text AS bytes, t.reltuples::bigint::text AS rows, 0 AS o
     FROM pg_class t WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
     UNION ALL
     SELECT t.relname, i.relname, 'index ' || am.amname, pg_relation_size(i.oid)::text, i.reltuples::bigint::text, 1
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_am am ON am.oid = i.relam
     WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
     UNION ALL
     SELECT t.relname, t.relname, 'total', pg_total_relation_size(t.oid)::text, '', 2
     FROM pg_class t WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
     ORDER BY 1, 6, 2`,
    [tables],
  );
  const mb = (bytes: string) => (Number(bytes) / 2 ** 20).toFixed(1);
  console.log('');
  console.log('sizes after the load (MiB; rows: pg_class.reltuples after VACUUM ANALYZE)');
  printGrid(['table', 'relation', 'kind', 'MiB', 'rows'], rows.map((r) => [r.table, r.relation, r.kind, mb(r.bytes), r.rows]));
  const total = rows.filter((r) => r.kind === 'total').reduce((sum, r) => sum + Number(r.bytes), 0);
  console.log(`all ${tables.length} tables with their indexes: ${(total / 2 ** 30).toFixed(2)} GiB`);
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();
const shortParam = (p: unknown) => { const t = JSON.stringify(p) ?? 'null'; return t.length > 120 ? `${t.slice(0, 117)}...` : t; };

/** The statement whose time sits at percentile `p` of a run's per-call slowest statements. */
export function statementAt(statements: Statement[], p: number): Statement | null {
  if (statements.length === 0) return null;
  const sorted = [...statements].sort((a, b) => a.ms - b.ms);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Re-runs a probe statement under EXPLAIN (ANALYZE, BUFFERS) with the same parameters and transaction settings. */
export async function explainStatement(client: Client, label: string, statement: Statement): Promise<void> {
  await client.query('BEGIN');
  for (const setting of statement.settings) await client.query(setting.sql, setting.params);
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params);
  await client.query('COMMIT');
  console.log('');
  console.log(`--- ${label} (${statement.ms.toFixed(1)} ms when measured)`);
  console.log(oneLine(statement.sql).slice(0, 1500));
  console.log(`params: ${statement.params.map(shortParam).join(', ')}`);
  for (const setting of statement.settings) console.log(`after: ${oneLine(setting.sql)} ${setting.params.map(shortParam).join(', ')}`);
  for (const r of rows) console.log(`  ${r['QUERY PLAN']}`);
}

/** A wrong person match, by how its name relates to the name queried and what the score knew about dates of birth. */
function falsePositiveClass(queried: string, m: Match): string {
  const [s, o] = [nameTokens(queried), nameTokens(m.other.value)];
  const name = s.join(' ') === o.join(' ') ? 'same tokens'
    : s.every((t) => o.includes(t)) ? 'stored name has extra tokens'
      : o.every((t) => s.includes(t)) ? 'stored name has fewer tokens' : 'different tokens';
  const dob = /DOB equal/.test(m.reason) ? 'DOB equal' : /DOB unknown/.test(m.reason) ? 'DOB unknown on one side' : 'DOB differs';
  return `${name}, ${dob}`;
}

/**
 * Wrong person matches counted by class, their name compared with the name queried (`against: 'query'`) or with the
 * source person's (`'source'`: how many are the source's namesakes, which no matcher tells apart without a DOB).
 */
export function personFalsePositives(queries: BenchQuery[], probeMatches: Match[][], against: 'query' | 'source' = 'query'): [string, number][] {
  const counts = new Map<string, number>();
  queries.forEach((q, i) => {
    const name = against === 'query' ? q.person!.fullName : q.person!.source.fullName;
    for (const m of (probeMatches[i] ?? []).filter((x) => x.matchType === 'PERSON' && x.other.itemId !== q.person!.source.id)) {
      const key = falsePositiveClass(name, m);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  });
  return [...counts].sort((a, b) => b[1] - a[1]);
}

export const SWEEP_THRESHOLDS = [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];

export interface PersonSweep {
  queries: number;
  /**
   * Per threshold: queries whose source scored at or above it, matches returned, of which source, of which namesakes
   * (quality.ts), and the matches where both sides have a DOB with how many of those are the source.
   */
  found: number[]; returned: number[]; correct: number[]; namesakes: number[]; bothDob: number[]; bothDobCorrect: number[];
  /** Misses at the configured threshold: the source was never a candidate, or it was and scored below. */
  notBlocked: Map<VariantClass, number>; belowThreshold: Map<VariantClass, number[]>;
}

/**
 * Runs the person queries again with threshold 0, so every candidate the blocking finds comes back with its score:
 * what any threshold would give, and whether a miss is the blocking's or the score's.
 */
export async function personSweep(prober: Prober, queries: BenchQuery[], threshold: number): Promise<PersonSweep> {
  const zeros = () => SWEEP_THRESHOLDS.map(() => 0);
  const out: PersonSweep = {
    queries: queries.length, found: zeros(), returned: zeros(), correct: zeros(), namesakes: zeros(), bothDob: zeros(), bothDobCorrect: zeros(),
    notBlocked: new Map(VARIANT_CLASSES.map((v) => [v, 0])), belowThreshold: new Map(VARIANT_CLASSES.map((v) => [v, []])),
  };
  const all = prober.withPersonThreshold(0);
  for (const q of queries) {
    const source = q.person!.source;
    const matches = (await all.probe(q.body)).filter((m) => m.matchType === 'PERSON');
    const sourceScore = matches.find((m) => m.other.itemId === source.id)?.score ?? null;
    SWEEP_THRESHOLDS.forEach((t, i) => {
      const kept = matches.filter((m) => m.score >= t);
      out.returned[i] += kept.length;
      out.correct[i] += kept.filter((m) => m.other.itemId === source.id).length;
      out.namesakes[i] += kept.filter((m) => namesakeOfSource(m, source)).length;
      const known = kept.filter(bothDobsKnown);
      out.bothDob[i] += known.length;
      out.bothDobCorrect[i] += known.filter((m) => m.other.itemId === source.id).length;
      if (sourceScore !== null && sourceScore >= t) out.found[i] += 1;
    });
    if (sourceScore === null) out.notBlocked.set(q.person!.variant, out.notBlocked.get(q.person!.variant)! + 1);
    else if (sourceScore < threshold) out.belowThreshold.get(q.person!.variant)!.push(sourceScore);
  }
  return out;
}
