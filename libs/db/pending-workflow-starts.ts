import type { DataSource } from 'typeorm';
import type { ReferralStatus } from '../contracts/referrals';
import { type WorkflowStart, type WorkflowStarts, workflowStart } from '../contracts/workflows';
import { assertDefined, query } from './sql';

/**
 * Records committed before their workflow could be started (Temporal away at that moment). The worker's relay starts
 * each one; workflow ids are derived from the record ids, so a start that did go through is simply recognised.
 *
 * The one "no orphan" strategy for records whose workflow only adds clocks after the fact (cases, seizures, traces):
 * commit, then start, and this relay covers a start that failed, so a record is accepted while Temporal is away.
 * Referrals too: a case agent's is started by the API after commit; a rule's by its case workflow in the workflow task
 * after intake, and the relay starts one whose start never happened (the case's run failed or was terminated in
 * between). A referral's row is marked by its own workflow's first step, so a start the case workflow did make is
 * marked by then, or recognised here. And hits a coordinator promotes from a review item (a matching hit is started by
 * its case's or seizure's workflow).
 * Meetings and action items are not relayed: they start inside the creating transaction (apps/api/src/meetings/
 * meeting-workflows.ts) and answer 503 when Temporal is away, because their workflow input carries configuration fixed
 * at creation (MEETING_REPORT_DUE_AFTER) that a later relay pass could not know, and their tables keep no
 * workflow_started_at. Moving them here would change their HTTP contract (201 instead of 503) and needs a migration.
 */
export const RECORD_TABLES = {
  caseWorkflow: 'cases', seizureWorkflow: 'seizures', traceWorkflow: 'traces', referralWorkflow: 'referrals',
  hitWorkflow: 'deconfliction_hits',
} as const;
export type RecordWorkflowType = keyof typeof RECORD_TABLES;
export type RecordTable = (typeof RECORD_TABLES)[RecordWorkflowType];

export interface PendingStart { table: RecordTable; id: string; start: WorkflowStart }

interface PendingRow {
  id: string; due_at?: Date | string; watch_pass?: number; status?: ReferralStatus; created_at?: Date | string;
  escalate_after_ms?: string | number | null;
}

/** How each table's pending rows become their workflow's input (the same input the API starts with). */
const SOURCES: { [T in RecordWorkflowType]: { columns: string; input: (row: PendingRow) => WorkflowStarts[T] } } = {
  caseWorkflow: { columns: 'id', input: (row) => ({ caseId: row.id }) },
  seizureWorkflow: { columns: 'id, watch_pass', input: (row) => ({ seizureId: row.id, ...(row.watch_pass ? { pass: row.watch_pass } : {}) }) },
  traceWorkflow: { columns: 'id, due_at', input: (row) => ({ traceId: row.id, dueAt: new Date(assertDefined(row.due_at, 'traces.due_at')).toISOString() }) },
  // Rule and manual referrals alike: the clock keeps the due time fixed at creation, and a referral worked meanwhile
  // starts in its state.
  referralWorkflow: {
    columns: 'id, due_at, status',
    input: (row) => ({
      referralId: row.id, status: row.status,
      ackDueAfterMs: Math.max(0, new Date(assertDefined(row.due_at, 'referrals.due_at')).getTime() - Date.now()),
    }),
  },
  // A promoted hit's escalation clock runs from its promotion, however late the relay starts it.
  hitWorkflow: {
    columns: 'id, created_at, escalate_after_ms',
    input: (row) => {
      const promotedAt = new Date(assertDefined(row.created_at, 'deconfliction_hits.created_at')).getTime();
      const delay = Number(assertDefined(row.escalate_after_ms, 'deconfliction_hits.escalate_after_ms'));
      return { hitId: row.id, escalateAfterMs: Math.max(0, promotedAt + delay - Date.now()) };
    },
  },
};

async function pendingOf<T extends RecordWorkflowType>(
  dataSource: DataSource, workflowType: T, olderThanMs: number, limit: number,
): Promise<PendingStart[]> {
  const table = RECORD_TABLES[workflowType];
  const source = SOURCES[workflowType];
  const rows = await query<PendingRow>(dataSource,
    `SELECT ${source.columns} FROM ${table}
     WHERE workflow_started_at IS NULL AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
    [olderThanMs / 1000, limit]);
  return rows.map((row) => ({ table, id: row.id, start: workflowStart(workflowType, source.input(row)) }));
}

export async function findPendingWorkflowStarts(dataSource: DataSource, olderThanMs: number, limit: number): Promise<PendingStart[]> {
  const out: PendingStart[] = [];
  for (const workflowType of Object.keys(RECORD_TABLES) as RecordWorkflowType[]) {
    out.push(...await pendingOf(dataSource, workflowType, olderThanMs, limit));
  }
  return out;
}

export async function markWorkflowsStarted(dataSource: DataSource, table: RecordTable, ids: string[]): Promise<void> {
  await dataSource.query(`UPDATE ${table} SET workflow_started_at = now() WHERE id = ANY($1) AND workflow_started_at IS NULL`, [ids]);
}

/**
 * Records whose workflow the API has just started, written in one UPDATE per table every `delayMs` instead of one
 * statement and commit per request (a profile of bench:intake showed the API's CPU going mostly to database round
 * trips). A mark lost to a crash or an error costs nothing but time: the relay finds the record, its start is
 * recognised as already done, and it marks it then.
 */
export class WorkflowStartMarks {
  private pending = new Map<RecordTable, Set<string>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 50,
  ) {}

  mark(table: RecordTable, id: string): void {
    const ids = this.pending.get(table) ?? new Set<string>();
    ids.add(id);
    this.pending.set(table, ids);
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.pending];
    this.pending = new Map();
    for (const [table, ids] of batches) {
      await markWorkflowsStarted(this.dataSource, table, [...ids]).catch(this.onError);
    }
  }
}
