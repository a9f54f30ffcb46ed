import { Client as TemporalClient, Connection } from '@temporalio/client';
import os from 'node:os';
import { Client } from 'pg';
import { generatePayloadCodecKeys } from '../libs/config/codec-config';
import { encryptingDataConverter, payloadCodecFromEnv } from '../libs/temporal-codec/data-converter';
import type { FloorShape } from './floor/floor-shape';
import { BenchStack, startBenchStack, TEMPORAL_STATES, TemporalState } from './support/bench-stack';
import { cpuSeconds, cpuUsed } from './support/cpu';
import { runOpenLoop } from './support/open-loop';
import { FloorWorker, runFloorStep, stepsDoneLatencies } from './support/sustained-floor';
import {
  activeLatencies, BacklogSampler, hitLatencies, sampleOf, streamMarks, trendOf, waitSettled,
} from './support/sustained-measure';
import { PG_STATEMENTS, PG_STATEMENTS_SETTINGS, printServerStatements, resetServerStatements, serverStatements } from './support/pg-statements';
import { printReport, StepResult } from './support/sustained-report';
import { describeCounts, readShape, shapeLine } from './support/sustained-shape';
import { Agent, enterCase, openAgents, PlannedCase, planCases, refreshTokens } from './support/sustained-workload';

/**
 * npm run bench:sustained: cases entered open loop (bench/support/open-loop.ts) at each rate of SUSTAINED_RATES for
 * SUSTAINED_SECONDS each, against the whole stack, with conflicts and referrals (bench/support/sustained-workload.ts).
 * Per rate: p50/p95/p99 of the 201, of create-to-ACTIVE and of a new hit reaching both sides' streams, whether a
 * backlog grew, and CPU per case per process beside the same shapes run bare (nothing inside the activities) by a
 * bench-only worker at the same rate: Temporal's own floor, measured in the same run. SUSTAINED_TEMPORAL lists the
 * dev server's states to run the series on (memory, file, file-wal; a fresh stack each). Quick run:
 *   SUSTAINED_RATES=10,30 SUSTAINED_SECONDS=20 SUSTAINED_TEMPORAL=memory npm run bench:sustained
 * Exits 1 when no rate kept the promise (sustained-report.ts). BENCH_PG_STATEMENTS=1: per step, what PostgreSQL spent per
 * case entered, statement by statement (this bench's own polls while it waits are among them, by their text);
 * BENCH_PG_SHOWN (30) how many of them.
 */
const RATES = (process.env.SUSTAINED_RATES ?? '10,20,30,40').split(',').map(Number);
const SECONDS = Number(process.env.SUSTAINED_SECONDS ?? 180);
const MODES = (process.env.SUSTAINED_TEMPORAL ?? 'memory,file-wal,file').split(',') as TemporalState[];
/** SUSTAINED_FLOOR=0 skips the bare shapes; SUSTAINED_FLOOR_CODEC=1 encrypts their payloads as the case worker does. */
const FLOOR = process.env.SUSTAINED_FLOOR !== '0';
const FLOOR_CODEC = process.env.SUSTAINED_FLOOR_CODEC === '1';
const MAX_IN_FLIGHT = 400;
/** BENCH_PG_SHOWN: how many of the costliest statements BENCH_PG_STATEMENTS=1 lists per step. */
const PG_SHOWN = Number(process.env.BENCH_PG_SHOWN ?? 30);
/** Every case must be ACTIVE and every conflict on both streams within this after the last arrival. */
const SETTLE_LIMIT_MS = 120_000;
/** After settling, CPU still being spent on the step (commits, cache evictions) is counted to it. */
const QUIET_MS = 2000;
const SHAPE_SAMPLES = 2;
const APP_TASK_QUEUE = process.env.TEMPORAL_TASK_QUEUE ?? 'case-coordination';
const log = (line: string) => console.log(`[bench] ${line}`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Run { stack: BenchStack; db: Client; client: TemporalClient; floor: FloorWorker | null; agents: Agent[]; nextN: number }

/** The workflow shape of each kind of case in the step, read from the histories of a few of them. */
async function shapesOf(run: Run, cases: PlannedCase[]): Promise<{ byKind: Map<string, FloorShape>; report: StepResult['shapes'] }> {
  const byKind = new Map<string, FloorShape>();
  const report: StepResult['shapes'] = [];
  for (const kind of [...new Set(cases.map((c) => c.kind))].sort()) {
    const ofKind = cases.filter((c) => c.kind === kind && c.id !== null);
    const ids = ofKind.slice(0, SHAPE_SAMPLES).map((c) => c.id);
    const { rows } = await run.db.query<{ workflow_id: string }>('SELECT workflow_id FROM cases WHERE id = ANY($1) ORDER BY id', [ids]);
    const read = await Promise.all(rows.map((r) => readShape(run.client, r.workflow_id)));
    if (read.length === 0) continue;
    byKind.set(kind, read[0].shape);
    const same = read.every((s) => JSON.stringify(s.shape) === JSON.stringify(read[0].shape));
    const lines = same ? shapeLine(read[0].shape) : `${read.map((s) => shapeLine(s.shape)).join(' | ')} (samples differ; the first is replayed)`;
    report.push({ kind, cases: ofKind.length, description: `${describeCounts(read[0].counts)}; ${lines}` });
  }
  return { byKind, report };
}

async function runStep(run: Run, mode: TemporalState, rate: number): Promise<StepResult> {
  const { stack, db, agents } = run;
  await refreshTokens(stack.apiUrl, agents);
  const total = Math.round(rate * SECONDS);
  const cases = planCases(`${mode}-${rate}`, total, rate, run.nextN, agents);
  run.nextN += total;
  const groups = { ...stack.cpuGroups, ...(run.floor ? { benchWorker: (_c: string, pid: number) => pid === run.floor?.pid } : {}) };
  const marks = streamMarks(agents);
  const sampler = new BacklogSampler(run.client, APP_TASK_QUEUE);
  log(`${mode} ${rate}/s: ${total} cases over ${SECONDS} s`);
  if (PG_STATEMENTS) await resetServerStatements(db);
  const cpuBefore = cpuSeconds(groups);
  sampler.start();
  const loop = await runOpenLoop(rate, total, MAX_IN_FLIGHT, (k, due) => enterCase(stack.apiUrl, cases[k], due),
    (k) => { cases[k].error = 'dropped'; });
  const backlog = sampler.stop();
  const settleMs = await waitSettled(db, agents, marks, cases, SETTLE_LIMIT_MS);
  await pause(QUIET_MS);
  // Per case entered: an intake refused (503 when overloaded) costs little and starts no workflow.
  const entered = cases.filter((c) => c.id !== null);
  const perCase = (used: Record<string, number>, count: number) =>
    Object.fromEntries(Object.entries(used).map(([n, s]) => [n, (s * 1000) / Math.max(1, count)]));
  const cpu = perCase(cpuUsed(cpuBefore, cpuSeconds(groups)), entered.length);
  if (PG_STATEMENTS) printServerStatements(`case entered at ${mode} ${rate}/s`, await serverStatements(db, PG_SHOWN), entered.length, PG_SHOWN);
  const active = await activeLatencies(db, cases);
  const hits = hitLatencies(agents, marks, cases);
  const failed = cases.filter((c) => c.error !== null);
  if (failed.length > 0) log(`${failed.length} intakes failed; first: ${failed[0].error}`);
  const result: StepResult = {
    mode, rate, seconds: SECONDS, dropped: loop.dropped, maxLagMs: loop.maxLagMs, settleMs, cpu,
    post: { latenciesMs: cases.map((c) => c.postMs ?? SETTLE_LIMIT_MS), elapsedMs: loop.elapsedMs, errors: failed.length },
    active: sampleOf(active, loop.elapsedMs, SETTLE_LIMIT_MS), hits: sampleOf(hits, loop.elapsedMs, SETTLE_LIMIT_MS),
    trend: trendOf(active, SETTLE_LIMIT_MS), backlog, floorCpu: null, floorStart: null, floorDrainMs: null, floorDone: null, floorTrend: null, shapes: [], raisedHits: '',
  };
  const { rows: raised } = await db.query<{ match_type: string; lookout: boolean; n: number }>(
    `SELECT match_type, b_lookout_id IS NOT NULL AS lookout, count(*)::int AS n FROM deconfliction_hits
      WHERE a_case_id = ANY($1) OR b_case_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`, [cases.filter((c) => c.id).map((c) => c.id)]);
  result.raisedHits = raised.map((r) => `${r.match_type}${r.lookout ? ' (lookout)' : ''} ${r.n}`).join(', ') || 'none';
  const shapes = await shapesOf(run, cases);
  result.shapes = shapes.report;
  if (run.floor && entered.length > 0) {
    const plain = shapes.byKind.values().next().value as FloorShape;
    const sequence = entered.map((c) => shapes.byKind.get(c.kind) ?? plain);
    log(`${mode} ${rate}/s: the same ${sequence.length} shapes bare`);
    const floorBefore = cpuSeconds(groups);
    const floor = await runFloorStep(run.client, run.floor, sequence, rate, `floor-${mode}-${rate}`, MAX_IN_FLIGHT, SETTLE_LIMIT_MS);
    await pause(QUIET_MS);
    result.floorCpu = perCase(cpuUsed(floorBefore, cpuSeconds(groups)), sequence.length);
    result.floorStart = floor.start;
    result.floorDrainMs = floor.drainMs;
    const done = await stepsDoneLatencies(run.client, floor.sampled);
    result.floorDone = sampleOf(done, floor.start.elapsedMs, SETTLE_LIMIT_MS);
    result.floorTrend = trendOf(done, SETTLE_LIMIT_MS);
  }
  return result;
}

async function runMode(mode: TemporalState, results: StepResult[]): Promise<void> {
  const stack = await startBenchStack(log, {}, { temporal: mode, ...(PG_STATEMENTS ? { postgres: PG_STATEMENTS_SETTINGS } : {}) });
  const db = new Client({ connectionString: stack.pgUrl });
  await db.connect();
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const floorKeys: Record<string, string> = FLOOR_CODEC ? { PAYLOAD_CODEC_KEYS: generatePayloadCodecKeys(), FLOOR_CODEC: '1' } : {};
  const client = new TemporalClient({
    connection, ...(FLOOR_CODEC ? { dataConverter: encryptingDataConverter(payloadCodecFromEnv(floorKeys)) } : {}),
  });
  let floor: FloorWorker | null = null;
  let agents: Agent[] = [];
  try {
    floor = FLOOR ? await FloorWorker.start(stack.temporalAddress, floorKeys) : null;
    agents = await openAgents(stack.apiUrl);
    const run: Run = { stack, db, client, floor, agents, nextN: 0 };
    log(`${mode}: warm-up, 10 cases/s for 10 s`);
    const warm = planCases(`${mode}-warm`, 100, 10, run.nextN, agents);
    run.nextN += warm.length;
    const marks = streamMarks(agents);
    await runOpenLoop(10, warm.length, MAX_IN_FLIGHT, (k, due) => enterCase(stack.apiUrl, warm[k], due), () => undefined);
    await waitSettled(db, agents, marks, warm, SETTLE_LIMIT_MS);
    for (const rate of RATES) results.push(await runStep(run, mode, rate));
  } finally {
    await Promise.all(agents.map((a) => a.stream.close()));
    await floor?.stop();
    await connection.close();
    await db.end();
    await stack.stop();
  }
}

async function main(): Promise<number> {
  const unknown = MODES.filter((m) => !TEMPORAL_STATES.includes(m));
  if (unknown.length > 0 || RATES.some((r) => !(r > 0)) || !(SECONDS > 0)) {
    throw new Error(`SUSTAINED_TEMPORAL takes ${TEMPORAL_STATES.join(',')}; SUSTAINED_RATES and SUSTAINED_SECONDS positive numbers`);
  }
  const loadBefore = os.loadavg()[0];
  const results: StepResult[] = [];
  for (const mode of MODES) await runMode(mode, results);
  return printReport(results, loadBefore) ? 0 : 1;
}

main().then((code) => process.exit(code), (error: unknown) => { console.error(error); process.exit(1); });
