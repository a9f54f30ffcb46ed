import os from 'node:os';
import type { TemporalState } from './bench-stack';
import { percentile, printTable, row, Sample } from './stats';
import type { Trend } from './sustained-measure';

/** The promise to the desks: what "sustained" means in `npm run bench:sustained`. */
export const PROMISE = { activeP99Ms: 2000, hitP99Ms: 2000, postP99Ms: 250 };

export interface StepResult {
  mode: TemporalState; rate: number; seconds: number;
  post: Sample; active: Sample; hits: Sample; trend: Trend;
  backlog: { max: number | null; last: number | null; growing: boolean };
  dropped: number; maxLagMs: number; settleMs: number;
  /** CPU ms per case by process group, for the cases and for the bare shapes (null when the floor was not run). */
  cpu: Record<string, number>; floorCpu: Record<string, number> | null;
  floorStart: Sample | null; floorDrainMs: number | null;
  /** From each bare shape's due time to its own steps done (sampled), the mirror of create-to-ACTIVE, and its trend. */
  floorDone: Sample | null; floorTrend: Trend | null;
  shapes: { kind: string; cases: number; description: string }[];
  /** Hits touching the step's cases, by match type (the planned conflicts are PHONE). */
  raisedHits: string;
}

const p99 = (s: Sample) => percentile([...s.latenciesMs].sort((a, b) => a - b), 99);

/**
 * Whether the bare shapes, run alone at the step's rate, kept the create-to-ACTIVE part of the promise (the only part
 * they have a mirror of): the ceiling any case of this shape can reach on this machine and Temporal server.
 */
export function floorVerdict(r: StepResult): string[] | null {
  if (!r.floorDone || !r.floorTrend) return null;
  const broken: string[] = [];
  if (!(p99(r.floorDone) <= PROMISE.activeP99Ms)) broken.push(`start-to-steps-done p99 ${p99(r.floorDone).toFixed(0)} ms`);
  if (r.floorTrend.growing) broken.push(`grew ${r.floorTrend.firstMs.toFixed(0)} -> ${r.floorTrend.lastMs.toFixed(0)} ms over the step`);
  if (r.floorDone.errors > 0 || r.floorDrainMs === null) broken.push('not all done');
  if ((r.floorStart?.errors ?? 0) > 0) broken.push(`${r.floorStart?.errors} starts failed or dropped`);
  return broken;
}

/** Whether a step kept the promise, and if not, what broke it. */
export function verdict(r: StepResult): string[] {
  const broken: string[] = [];
  if (!(p99(r.post) < PROMISE.postP99Ms)) broken.push(`201 p99 ${p99(r.post).toFixed(0)} ms`);
  if (!(p99(r.active) <= PROMISE.activeP99Ms)) broken.push(`create-to-ACTIVE p99 ${p99(r.active).toFixed(0)} ms`);
  if (r.hits.latenciesMs.length > 0 && !(p99(r.hits) <= PROMISE.hitP99Ms)) broken.push(`hit p99 ${p99(r.hits).toFixed(0)} ms`);
  if (r.trend.growing) broken.push(`ACTIVE latency grew ${r.trend.firstMs.toFixed(0)} -> ${r.trend.lastMs.toFixed(0)} ms over the step`);
  if (r.backlog.growing) broken.push('task queue backlog grew');
  const errors = r.post.errors + r.active.errors + r.hits.errors;
  if (errors > 0) broken.push(`${errors} errors (failed, dropped or never ACTIVE / never on both streams)`);
  return broken;
}

const total = (cpu: Record<string, number>, names: string[]) => names.reduce((s, n) => s + (cpu[n] ?? 0), 0);
const CASE_PROCESSES = ['api', 'worker', 'temporal', 'postgres'];
const FLOOR_PROCESSES = ['benchWorker', 'temporal'];

/** Prints the tables; true when some step kept the promise. */
export function printReport(results: StepResult[], loadBefore: number): boolean {
  console.log(`\nsustained intake: ${os.cpus().length} cores shared with whatever else runs (1-min load average ` +
    `${loadBefore.toFixed(2)} before the first stack, ${os.loadavg()[0].toFixed(2)} now); latency from each case's due time\n`);
  const rows: string[][] = [];
  for (const r of results) {
    rows.push(row(`${r.mode} ${r.rate}/s  POST /cases -> 201`, r.post));
    rows.push(row('    create -> ACTIVE', r.active));
    rows.push(row('    new hit on both streams', r.hits));
    if (r.floorStart) rows.push(row('    baseline: bare shape workflow.start', r.floorStart));
    if (r.floorDone) rows.push(row('    baseline: bare shape start -> its steps done', r.floorDone));
  }
  printTable(rows);

  console.log('\nbacklog (ACTIVE p50 first quarter -> last quarter of the step; workflow task queue backlog max/last)');
  for (const r of results) {
    const queue = r.backlog.max === null ? 'not reported' : `${r.backlog.max}/${r.backlog.last}`;
    console.log(`  ${r.mode} ${r.rate}/s: ${r.trend.firstMs.toFixed(0)} -> ${r.trend.lastMs.toFixed(0)} ms, queue ${queue}, ` +
      `${r.dropped} dropped, generator at most ${r.maxLagMs.toFixed(0)} ms late, settled ${(r.settleMs / 1000).toFixed(1)} s after the last 201; ` +
      `hits raised: ${r.raisedHits}`);
  }

  console.log('\nCPU ms per case entered (from /proc, step start to settled): the case beside its bare shape (same shape, activities do nothing)');
  for (const r of results) {
    const caseTotal = total(r.cpu, CASE_PROCESSES);
    const parts = (cpu: Record<string, number>) => Object.entries(cpu).map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(', ');
    console.log(`  ${r.mode} ${r.rate}/s case:  ${parts(r.cpu)}; total (api+worker+temporal+postgres) ${caseTotal.toFixed(1)}`);
    if (r.floorCpu) {
      const floorTotal = total(r.floorCpu, FLOOR_PROCESSES);
      console.log(`  ${' '.repeat(r.mode.length + String(r.rate).length + 3)}bare:  ${parts(r.floorCpu)}; total (benchWorker+temporal) ` +
        `${floorTotal.toFixed(1)}; case/bare ${(caseTotal / floorTotal).toFixed(2)}x (goal <= 1.5x)` +
        (r.floorDrainMs === null ? '; bare shapes NOT all done within the limit' : ''));
    }
  }

  console.log('\nworkflow shapes per kind of case (from fetchHistory of the case workflow and the children it started)');
  for (const shape of results.flatMap((r) => r.shapes.map((s) => ({ ...s, step: `${r.mode} ${r.rate}/s` })))) {
    console.log(`  ${shape.step}, ${shape.kind} (${shape.cases} cases): ${shape.description}`);
  }

  console.log(`\npromise: 201 p99 < ${PROMISE.postP99Ms} ms, create-to-ACTIVE p99 <= ${PROMISE.activeP99Ms} ms, hit on both streams ` +
    `p99 <= ${PROMISE.hitP99Ms} ms, no backlog growing`);
  for (const mode of [...new Set(results.map((r) => r.mode))]) {
    const steps = results.filter((r) => r.mode === mode);
    for (const r of steps) {
      const broken = verdict(r);
      console.log(`  ${mode} ${r.rate}/s: ${broken.length === 0 ? 'kept' : `broken: ${broken.join('; ')}`}`);
    }
    const kept = steps.filter((r) => verdict(r).length === 0).map((r) => r.rate);
    console.log(`  ${mode}: highest rate kept ${kept.length ? `${Math.max(...kept)} cases/s` : 'none of those measured'} (goal 30 cases/s)`);
    const bare = steps.filter((r) => floorVerdict(r) !== null);
    for (const r of bare) {
      const broken = floorVerdict(r) as string[];
      console.log(`  ${mode} ${r.rate}/s bare shapes alone, start to steps done: ${broken.length === 0 ? 'kept' : `broken: ${broken.join('; ')}`}`);
    }
    const bareKept = bare.filter((r) => (floorVerdict(r) as string[]).length === 0).map((r) => r.rate);
    if (bare.length > 0) console.log(`  ${mode}: highest rate the bare shapes kept ${bareKept.length ? `${Math.max(...bareKept)}/s` : 'none of those measured'}`);
  }
  return results.some((r) => verdict(r).length === 0);
}
