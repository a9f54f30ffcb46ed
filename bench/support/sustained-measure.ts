import type { Client as TemporalClient } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Client } from 'pg';
import { percentile, Sample } from './stats';
import type { Agent, PlannedCase } from './sustained-workload';

/** A case's or a conflict's latency, with when it was due within the step (for the trend). */
export interface Timed { dueMs: number; ms: number | null }

/** Latencies as a Sample; one that never came counts as an error and as `missingMs`, so it cannot flatter the tail. */
export function sampleOf(timed: Timed[], elapsedMs: number, missingMs: number): Sample {
  return {
    latenciesMs: timed.map((t) => t.ms ?? missingMs), elapsedMs, errors: timed.filter((t) => t.ms === null).length,
  };
}

/**
 * Create-to-ACTIVE from each case's row: `updated_at` is written by the workflow's step that sets ACTIVE (nothing else
 * touches a case of this bench afterwards), taken just before that step's commit. Read after the step, so measuring
 * does not load the database while the step runs; the due time is turned into the same wall clock.
 */
export async function activeLatencies(db: Client, cases: PlannedCase[]): Promise<Timed[]> {
  const created = cases.filter((c) => c.id !== null);
  const { rows } = await db.query<{ id: string; ms: number }>(
    `SELECT id, extract(epoch FROM updated_at) * 1000 AS ms FROM cases WHERE id = ANY($1) AND status = 'ACTIVE'`,
    [created.map((c) => c.id)]);
  const activeAt = new Map(rows.map((r) => [r.id, Number(r.ms)]));
  return cases.map((c) => {
    const at = c.id === null ? undefined : activeAt.get(c.id);
    return { dueMs: c.dueMs, ms: at === undefined ? null : at - (performance.timeOrigin + c.dueMs) };
  });
}

/** Where each agent's stream stood when a step began: only later events are the step's. */
export const streamMarks = (agents: Agent[]): number[] => agents.map((a) => a.stream.events.length);

/**
 * For each conflict of the step, from the second case's due time to the later of the two arrivals of `hit.created`:
 * on the stream of the agent who entered the new case (about that case) and of the one who entered the earlier case
 * (about theirs). Matched after the step from the events the streams kept, with their arrival times.
 */
export function hitLatencies(agents: Agent[], marks: number[], cases: PlannedCase[], enteredOnly = false): Timed[] {
  const arrived = new Map<string, number>();
  agents.forEach((agent, i) => {
    for (const event of agent.stream.events.slice(marks[i])) {
      if (event.event !== 'hit.created') continue;
      const caseId = (JSON.parse(event.data) as { payload?: { caseId?: string } }).payload?.caseId;
      const key = `${agent.username} ${caseId}`;
      if (caseId && !arrived.has(key)) arrived.set(key, event.receivedAt);
    }
  });
  const conflicts = cases.filter((c) => c.partner !== null && (!enteredOnly || (c.id !== null && cases[c.partner].id !== null)));
  return conflicts.map((c) => {
    const earlier = cases[c.partner as number];
    const own = arrived.get(`${c.agent.username} ${c.id}`);
    const other = arrived.get(`${earlier.agent.username} ${earlier.id}`);
    return { dueMs: c.dueMs, ms: own === undefined || other === undefined ? null : Math.max(own, other) - c.dueMs };
  });
}

/** Whether the last quarter of a step waited clearly longer than its first (a backlog building up). */
export interface Trend { firstMs: number; lastMs: number; growing: boolean }

export function trendOf(timed: Timed[], missingMs: number): Trend {
  const byDue = [...timed].sort((a, b) => a.dueMs - b.dueMs);
  const quarter = Math.max(1, Math.floor(byDue.length / 4));
  const median = (part: Timed[]) => percentile(part.map((t) => t.ms ?? missingMs).sort((a, b) => a - b), 50);
  const firstMs = median(byDue.slice(0, quarter));
  const lastMs = median(byDue.slice(-quarter));
  // Noise on a shared machine moves a median by tens of milliseconds; a backlog adds up step after step.
  return { firstMs, lastMs, growing: lastMs > firstMs + Math.max(250, firstMs * 0.5) };
}

/**
 * The workflow task queue's backlog as Temporal reports it (DescribeTaskQueue with reportStats), sampled while a
 * step runs. Null samples when the server does not report it.
 */
export class BacklogSampler {
  readonly samples: (number | null)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: TemporalClient, private readonly taskQueue: string, private readonly everyMs = 2000) {}

  start(): void {
    const sample = async () => {
      try {
        const response = await this.client.workflowService.describeTaskQueue({
          namespace: 'default', taskQueue: { name: this.taskQueue }, reportStats: true,
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        });
        const count = response.stats?.approximateBacklogCount;
        this.samples.push(count === undefined || count === null ? null : Number(String(count)));
      } catch {
        this.samples.push(null);
      }
    };
    this.timer = setInterval(() => { void sample(); }, this.everyMs);
  }

  stop(): { max: number | null; last: number | null; growing: boolean } {
    clearInterval(this.timer);
    const known = this.samples.filter((s): s is number => s !== null);
    if (known.length === 0) return { max: null, last: null, growing: false };
    const quarter = Math.max(1, Math.floor(known.length / 4));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const first = mean(known.slice(0, quarter));
    const last = mean(known.slice(-quarter));
    return { max: Math.max(...known), last: known[known.length - 1], growing: last > first + 10 };
  }
}

/** Waits until every created case of the step is ACTIVE and every conflict reached both streams, or the limit. */
export async function waitSettled(db: Client, agents: Agent[], marks: number[], cases: PlannedCase[], limitMs: number): Promise<number> {
  const started = performance.now();
  const ids = cases.filter((c) => c.id !== null).map((c) => c.id);
  while (performance.now() - started < limitMs) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND status <> 'ACTIVE'`, [ids]);
    const hitsMissing = hitLatencies(agents, marks, cases, true).filter((t) => t.ms === null).length;
    if (rows[0].n === 0 && hitsMissing === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return performance.now() - started;
}
