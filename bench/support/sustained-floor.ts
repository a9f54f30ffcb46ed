import type { Client } from '@temporalio/client';
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { FLOOR_TASK_QUEUE, FloorShape } from '../floor/floor-shape';
import { runOpenLoop } from './open-loop';
import type { Sample } from './stats';
import type { Timed } from './sustained-measure';
import { stepsDoneAt } from './sustained-shape';

/** The bench-only worker process (bench/floor/floor-worker.ts) that runs the bare shapes. */
export class FloorWorker {
  private constructor(private readonly child: ChildProcess) {}

  get pid(): number { return this.child.pid as number; }

  /** Starts it and waits until it has bundled its workflow and polls (`env` adds e.g. the codec's keys). */
  static async start(temporalAddress: string, env: Record<string, string>): Promise<FloorWorker> {
    const child = fork(path.join(__dirname, '../floor/floor-worker.js'), [], {
      env: { ...process.env, ...env, TEMPORAL_ADDRESS: temporalAddress }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the floor worker exited (${code}) before it was ready`)));
      child.once('message', (message) => { if (message === 'ready') resolve(); });
    });
    child.removeAllListeners('exit');
    return new FloorWorker(child);
  }

  /** How many activities (local and regular) it has run so far. */
  executed(): Promise<number> {
    return new Promise((resolve) => {
      const onMessage = (message: unknown) => {
        const count = (message as { executed?: number }).executed;
        if (typeof count !== 'number') return;
        this.child.off('message', onMessage);
        resolve(count);
      };
      this.child.on('message', onMessage);
      this.child.send('count');
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      this.child.once('exit', () => { clearTimeout(killer); resolve(); });
      this.child.kill('SIGTERM');
    });
  }
}

const activitiesIn = (shape: FloorShape): number => shape.steps.reduce((sum, step) => sum +
  (step.kind === 'local' || step.kind === 'activity' ? 1 : step.kind === 'child' ? activitiesIn(step.shape) : 0), 0);

export interface FloorStepResult {
  start: Sample; drainMs: number | null; dropped: number;
  /** The bare workflows to read the steps-done latency of, after the step's CPU is read. */
  sampled: { workflowId: string; dueMs: number }[];
}

/** Bare workflows whose histories are read for their steps-done latency: spread evenly over the step. */
const DONE_SAMPLES = 300;

/**
 * The bare shapes started open loop at `rate` (one per case of the step it mirrors, in the same order), then waited
 * for until the floor worker has run every activity they hold (null past `limitMs`).
 */
export async function runFloorStep(
  client: Client, worker: FloorWorker, shapes: FloorShape[], rate: number, idPrefix: string, maxInFlight: number, limitMs: number,
): Promise<FloorStepResult> {
  const expected = (await worker.executed()) + shapes.reduce((sum, s) => sum + activitiesIn(s), 0);
  const latenciesMs: number[] = [];
  const dueMs: number[] = [];
  let errors = 0;
  const run = await runOpenLoop(rate, shapes.length, maxInFlight, async (k, due) => {
    try {
      const id = `${idPrefix}-${k}`;
      dueMs[k] = due;
      await client.workflow.start('floorWorkflow', { taskQueue: FLOOR_TASK_QUEUE, workflowId: id, args: [{ shape: shapes[k], id }] });
    } catch {
      errors += 1;
    } finally {
      latenciesMs.push(performance.now() - due);
    }
  }, () => { errors += 1; });
  const started = performance.now();
  let drainMs: number | null = null;
  while (performance.now() - started < limitMs) {
    if ((await worker.executed()) >= expected) { drainMs = performance.now() - started; break; }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const every = Math.max(1, Math.ceil(shapes.length / DONE_SAMPLES));
  const sampled = shapes.map((_, k) => k).filter((k) => k % every === 0 && dueMs[k] !== undefined)
    .map((k) => ({ workflowId: `${idPrefix}-${k}`, dueMs: dueMs[k] }));
  return { start: { latenciesMs, elapsedMs: run.elapsedMs, errors }, drainMs, dropped: run.dropped, sampled };
}

/**
 * From each sampled bare workflow's due time to its own steps done, read from the histories after the step (the
 * reads cost Temporal CPU, so they come after the step's is read), a few at a time.
 */
export async function stepsDoneLatencies(client: Client, sampled: FloorStepResult['sampled']): Promise<Timed[]> {
  const done: Timed[] = [];
  for (let i = 0; i < sampled.length; i += 20) {
    done.push(...await Promise.all(sampled.slice(i, i + 20).map(async ({ workflowId, dueMs }): Promise<Timed> => {
      // One retry: a read lost to a passing error must not count as a workflow never done.
      const at = await stepsDoneAt(client, workflowId).catch(() => stepsDoneAt(client, workflowId)).catch(() => null);
      return { dueMs, ms: at === null ? null : at - (performance.timeOrigin + dueMs) };
    })));
  }
  return done;
}
