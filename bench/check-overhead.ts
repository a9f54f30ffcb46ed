import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DEFAULT_OPERATION_RADIUS_METERS } from '../libs/cases/case-rules';
import { loadConfig } from '../libs/config/config';
import { createDataSource } from '../libs/db/data-source';
import type { KeyOptions } from '../libs/deconfliction/match-keys';
import { MatchingRepository } from '../libs/deconfliction/matching.repository';
import { startBenchStack } from './support/bench-stack';
import { createCases } from './support/bulk-load';
import { loadDataset } from './support/dataset-load';
import { measureHttpFloor } from './support/http-floor';
import { InProcessChecks } from './support/in-process-check';
import { AgentPool, Prober } from './support/measure';
import { PG_STATEMENTS, PG_STATEMENTS_SETTINGS, printServerStatements, resetServerStatements, serverStatements } from './support/pg-statements';
import { BenchQuery, eventQueries, exactQueries, KindName, personCheckQueries, serialPartialQueries } from './support/queries';
import { p95 } from './support/report';
import type { Sample } from './support/stats';
import { countStatements, StatementCounts } from './support/statement-hook';

/**
 * npm run build && node dist/bench/check-overhead.js: what one POST /deconfliction/checks costs beyond its probe. Loads
 * BENCH_ROWS (20,000) rows, then per kind sends BENCH_QUERIES (200) checks through the API and the probe (a person's as
 * a check runs it, Prober.asCheck), counting the SQL statements (round trips) each makes; prints statements per check
 * by text and the API-minus-probe gap at p50/p95. Between the two, the same checks through the API's use case called
 * in this process (InProcessChecks: the probe plus the check's record, notices and audit, no HTTP), which splits the
 * gap into the API's own part (HTTP, the guard, validation, JSON) and the use case's (the record, less the probe's
 * BEGIN and COMMIT, which a check does without). First, the floor (support/http-floor.ts): a signed-in GET /agencies,
 * which costs one trivial statement, beside a bare node:http server running that statement and the statement alone.
 * Each measured query is probed once before either side is timed, so neither runs on pages the other brought in.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
/**
 * BENCH_PROFILE=1: also CPU-profile the API during its phases and print its top self-time functions and packages. Off by
 * default: the profiler's sampling thread slowed the API's phase itself (person p50 30-33 ms profiled, 25 ms not, at
 * 1,000,000 rows), so its latencies are not the ones to compare.
 */
const PROFILE = process.env.BENCH_PROFILE === '1';
const WARM_UP = 30;
const log = (line: string) => console.log(`[check-overhead] ${line}`);

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const median = (s: Sample) => [...s.latenciesMs].sort((a, b) => a - b)[Math.floor(s.latenciesMs.length / 2)];

async function timeEach(queries: BenchQuery[], send: (body: BenchQuery['body']) => Promise<unknown>): Promise<Sample> {
  const sample: Sample = { latenciesMs: [], elapsedMs: 0, errors: 0 };
  for (const q of queries) {
    const t = performance.now();
    await send(q.body);
    sample.latenciesMs.push(performance.now() - t);
  }
  return sample;
}

const gap = (a: Sample, b: Sample) => `p50 ${(median(a) - median(b)).toFixed(1)} p95 ${(p95(a) - p95(b)).toFixed(1)} ms`;
const latency = (s: Sample) => `p50 ${median(s).toFixed(1)} p95 ${p95(s).toFixed(1)} ms`;

/** The API child of this stack: its command line runs the API's main, and the stack's own test says it is ours. */
function apiPid(isApi: (cmdline: string, pid: number) => boolean): number {
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes('apps/api/src/main') && isApi(cmdline, Number(entry))) return Number(entry);
    } catch { /* ended meanwhile */ }
  }
  throw new Error('API process not found');
}

async function waitFor(file: string): Promise<void> {
  for (let i = 0; i < 600 && !existsSync(file); i += 1) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 200));
}

function printStatements(title: string, counts: StatementCounts, checks: number): void {
  const total = Object.values(counts).reduce((n, c) => n + c.n, 0);
  const ms = Object.values(counts).reduce((n, c) => n + c.ms, 0);
  console.log(`${title}: ${(total / checks).toFixed(2)} statements per check, ${(ms / checks).toFixed(2)} ms waiting on them per check`);
  console.log('  per check: statements, ms waited');
  for (const [text, c] of Object.entries(counts).sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`  ${(c.n / checks).toFixed(2)} ${(c.ms / checks).toFixed(2).padStart(6)}  ${text}`);
  }
}

/** Self time per function and per package (node_modules/<name>, else the project's file) over the profiles. */
function printProfile(profiles: CpuProfile[]): void {
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id)!.callFrame;
      const us = profile.timeDeltas[i] ?? 0;
      total += us;
      const file = frame.url.replace(/^file:\/\//, '');
      const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file.includes('/dist/') ? file.split('/dist/')[1] : file || frame.functionName);
      const fn = `${frame.functionName || '(anonymous)'} ${pkg}:${frame.lineNumber + 1}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    });
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, us]) => `  ${(100 * us / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  console.log(`API CPU profile, ${(total / 1e6).toFixed(1)} s sampled; self time by function:\n${top(byFunction, 25)}`);
  console.log(`self time by package or file:\n${top(byPackage, 20)}`);
}

async function main(): Promise<void> {
  const hookDir = mkdtempSync(path.join(os.tmpdir(), 'check-overhead-'));
  process.env.CHECK_HOOK_DIR = hookDir;
  if (PROFILE) process.env.CHECK_HOOK_PROFILE = '1';
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(__dirname, 'support', 'statement-hook.js')}`;
  const stack = await startBenchStack(log, {}, PG_STATEMENTS ? { postgres: PG_STATEMENTS_SETTINGS } : {});
  const db = new Client({ connectionString: stack.pgUrl });
  await db.connect();
  const dataSource = createDataSource({ url: stack.pgUrl, asAppRole: true, poolSize: 1, applicationName: 'bench-probe' });
  await dataSource.initialize();
  let inProcess: InProcessChecks | null = null;
  try {
    const config = loadConfig().deconfliction;
    const cases = await createCases(db, Math.max(100, Math.round(ROWS / 100)));
    const now = new Date();
    const spec = { seed: 20261123, caseCount: cases.length, epochMs: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) };
    const options = (agency: string): KeyOptions => ({
      country: agency === 'PGR' ? 'MX' : 'US', serialMinReadable: config.serialMinReadable, defaultRadiusMeters: DEFAULT_OPERATION_RADIUS_METERS,
    });
    const stats = await loadDataset(db, dataSource.manager, new MatchingRepository(config), spec, cases, ROWS, options, log);
    const stored = stats.identifierSources - 1;
    const sets: [KindName, BenchQuery[]][] = [
      ['exact', exactQueries(spec, stored, QUERIES + WARM_UP)],
      ['event', eventQueries(spec, ROWS, QUERIES + WARM_UP)],
      ['serial partial', serialPartialQueries(spec, stored, QUERIES + WARM_UP)],
      ['person', personCheckQueries(spec, ROWS, QUERIES + WARM_UP)],
    ];
    // Several ICE agents in turn (AgentPool): one agent's budget sum would grow to every check of the run.
    const api = await AgentPool.create(stack.apiUrl, db, 'ICE', 20);
    const useCase = await InProcessChecks.create(stack.pgUrl, db, 'ICE', 20);
    inProcess = useCase;
    const probers = { plain: new Prober(dataSource, config), check: new Prober(dataSource, config).asCheck() };
    const pid = apiPid(stack.cpuGroups.api);
    const counter = countStatements();
    const profiles: CpuProfile[] = [];
    // What any signed-in request costs here (the HTTP hop, Fastify, Nest, the guard, one trivial statement), and what a
    // bare server's hop alone costs: the part of the gap no change to a check can remove.
    const floor = await measureHttpFloor(stack.pgUrl, () => api.next().get('/agencies'), QUERIES, WARM_UP);
    console.log(`\n== floor, ${QUERIES} times each in turn: the API's GET /agencies (one trivial statement) ${latency(floor.api)}; ` +
      `a bare node:http server running the same statement ${latency(floor.bare)}; the statement from this process ` +
      `${latency(floor.inProcess)}; the hop alone ${gap(floor.bare, floor.inProcess)}, Fastify, Nest and the guard ${gap(floor.api, floor.bare)}`);
    for (const [phase, [kind, queries]] of sets.entries()) {
      const prober = kind === 'person' ? probers.check : probers.plain;
      for (const q of queries.slice(0, WARM_UP)) { await api.check(q.body); await useCase.check(q.body); await prober.probe(q.body); }
      const measured = queries.slice(WARM_UP);
      // Each measured query probed once first, so neither side is timed on pages the other brought into memory.
      for (const q of measured) await prober.probe(q.body);
      if (PG_STATEMENTS) await resetServerStatements(db);
      process.kill(pid, 'SIGWINCH');
      const viaApi = await timeEach(measured, (body) => api.check(body));
      process.kill(pid, 'SIGWINCH');
      const server = PG_STATEMENTS ? await serverStatements(db) : null;
      if (PG_STATEMENTS) await resetServerStatements(db);
      counter.start();
      const viaUseCase = await timeEach(measured, (body) => useCase.check(body));
      const useCaseCounts = counter.stop();
      if (PG_STATEMENTS) await resetServerStatements(db);
      counter.start();
      const viaProbe = await timeEach(measured, (body) => prober.probe(body));
      const probeCounts = counter.stop();
      const probeServer = PG_STATEMENTS ? await serverStatements(db) : null;
      await waitFor(path.join(hookDir, `phase-${phase + 1}.json`));
      console.log(`\n== ${kind}: ${measured.length} checks one at a time; API ${latency(viaApi)}, in-process check ` +
        `${latency(viaUseCase)}, probe ${latency(viaProbe)}; gap ${gap(viaApi, viaProbe)}: the API's own ${gap(viaApi, viaUseCase)}, ` +
        `the use case's ${gap(viaUseCase, viaProbe)}`);
      printStatements('API', JSON.parse(readFileSync(path.join(hookDir, `phase-${phase + 1}.json`), 'utf8')) as StatementCounts, measured.length);
      printStatements('in-process check', useCaseCounts, measured.length);
      printStatements('probe', probeCounts, measured.length);
      if (server && probeServer) {
        printServerStatements('API check', server, measured.length);
        printServerStatements('probe', probeServer, measured.length);
      }
      if (PROFILE) profiles.push(JSON.parse(readFileSync(path.join(hookDir, `phase-${phase + 1}.cpuprofile`), 'utf8')) as CpuProfile);
    }
    if (PROFILE) {
      console.log('');
      printProfile(profiles);
    }
  } finally {
    await inProcess?.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    await db.end().catch(() => undefined);
    await stack.stop();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
