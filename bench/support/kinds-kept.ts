import type { Client } from 'pg';
import { loadConfig } from '../../libs/config/config';
import { explainStatement } from './diagnostics';
import type { GenSpec } from './generators';
import { answerOf, KeptAnswers, keepOrCompareAnswers } from './kept-answers';
import { BENCH_AGENTS, keptPersonQueries, keptSpec, openKept, WARM_UP } from './kept-spec';
import { AgentPool, CheckSender, KindRun, Prober, runKind } from './measure';
import { BenchQuery, CheckBody, eventQueries, exactQueries } from './queries';
import { printGrid, spreadMs } from './report';

/**
 * node dist/bench/support/kinds-kept.js against a stack kept by `BENCH_KEEP=1 npm run bench:deconfliction`: times the
 * queries that run timed (after the same warm-up), through an API and through the probe in turn, so a change can be
 * measured at 10,000,000 rows without the load again. BENCH_DB_URL: the database the bench printed; BENCH_API_URL: the
 * kept API, or one started with changed code on the same database and Temporal; BENCH_ROWS, BENCH_SEED, BENCH_QUERIES
 * and BENCH_PERSON_QUERIES as in that run; BENCH_KINDS (default "event"): event, person, exact. Exact queries are drawn
 * from the identifier sources the load used: BENCH_IDENTIFIER_SOURCES, the number the bench printed after its load.
 * Persons go through the probe as a check runs it (Prober.asCheck), the API's own baseline. BENCH_EXPLAIN (default 0):
 * per kind, how many of the slowest probes to list, the slowest statement of the first three explained (EXPLAIN ANALYZE).
 * BENCH_ANSWERS=<file>: the API's answers are written there, or compared with those a run wrote before (kept-answers.ts).
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 20261123);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const PERSON_QUERIES_PER_KIND = Number(process.env.BENCH_PERSON_QUERIES ?? 200);
const KINDS = (process.env.BENCH_KINDS ?? 'event').split(',').map((k) => k.trim());
const EXPLAIN = Number(process.env.BENCH_EXPLAIN ?? 0);

function queriesOf(kind: string, spec: GenSpec): { warmUp: number; all: BenchQuery[] } {
  if (kind === 'event') return { warmUp: WARM_UP, all: eventQueries(spec, ROWS, QUERIES + WARM_UP) };
  if (kind === 'person') return keptPersonQueries(spec, ROWS, PERSON_QUERIES_PER_KIND);
  if (kind === 'exact') {
    const sources = Number(process.env.BENCH_IDENTIFIER_SOURCES);
    if (!Number.isInteger(sources) || sources <= 0) throw new Error('exact queries need BENCH_IDENTIFIER_SOURCES (the bench prints it after its load)');
    return { warmUp: WARM_UP, all: exactQueries(spec, sources - 1, QUERIES + WARM_UP) };
  }
  throw new Error(`BENCH_KINDS: unknown kind ${kind} (event, person, exact)`);
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DB_URL ?? '';
  const apiUrl = process.env.BENCH_API_URL ?? '';
  if (!url || !apiUrl) throw new Error('BENCH_DB_URL and BENCH_API_URL must name the kept stack');
  const config = loadConfig().deconfliction;
  const { dataSource, db, close } = await openKept(url);
  try {
    const spec = await keptSpec(db, SEED);
    const agents = await AgentPool.create(apiUrl, db, 'ICE', BENCH_AGENTS);
    const prober = new Prober(dataSource, config);
    const table: string[][] = [];
    const answers: KeptAnswers = {};
    for (const kind of KINDS) {
      const { warmUp, all } = queriesOf(kind, spec);
      const probe = kind === 'person' ? prober.asCheck() : prober;
      await runKind(all.slice(0, warmUp), agents, probe);
      const timed = all.slice(warmUp);
      // runKind answers a failed call with no matches: which calls failed is noted here, so none compares as empty.
      const failed = new Set<CheckBody>();
      const sender: CheckSender = { check: (body) => agents.check(body).catch((error: unknown) => { failed.add(body); throw error; }) };
      const run = await runKind(timed, sender, probe);
      await printSlowest(db, kind, timed, run);
      answers[kind] = timed.map((q, i) => answerOf(q.body, run.apiMatches[i] ?? [], failed.has(q.body)));
      table.push([kind, String(run.api.latenciesMs.length), spreadMs(run.api.latenciesMs), spreadMs(run.probe.latenciesMs),
        String(run.api.errors + run.probe.errors)]);
    }
    console.log(`\n${ROWS.toLocaleString('en-US')} rows, API ${apiUrl}`);
    printGrid(['kind', 'queries', 'API p50 / p95 / p99 ms', 'probe p50 / p95 / p99 ms', 'errors'], table);
    if (process.env.BENCH_ANSWERS) keepOrCompareAnswers(process.env.BENCH_ANSWERS, answers);
  } finally {
    await close();
  }
}

/** The slowest probes of a run with their API time, and EXPLAIN ANALYZE of the three slowest ones' slowest statements. */
async function printSlowest(db: Client, kind: string, queries: BenchQuery[], run: KindRun): Promise<void> {
  if (EXPLAIN <= 0) return;
  // One statement per probe call, in call order: a call that failed before its first statement would shift them.
  if (run.statements.length !== queries.length) return console.log(`${kind}: ${run.statements.length} statements for ${queries.length} probes, not listed`);
  const order = run.probe.latenciesMs.map((ms, i) => ({ ms, i })).sort((a, b) => b.ms - a.ms).slice(0, EXPLAIN);
  console.log(`\n=== ${kind}: the ${order.length} slowest probes`);
  for (const { ms, i } of order) {
    const statement = run.statements[i];
    console.log(`  probe ${ms.toFixed(1)} ms, API ${run.api.latenciesMs[i].toFixed(1)} ms, slowest statement ${statement.ms.toFixed(1)} ms: ` +
      JSON.stringify(queries[i].body).slice(0, 160));
  }
  for (const [rank, { i }] of order.slice(0, 3).entries()) {
    await explainStatement(db, `${kind}: slowest statement of slow probe ${rank + 1}`, run.statements[i]);
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
