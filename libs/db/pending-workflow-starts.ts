import type { DataSource } from 'typeorm';

/**
 * Records committed before their workflow could be started (Temporal away at that moment). The worker's relay starts
 * each one; workflow ids are derived from the record ids, so a start that did go through is simply recognised.
 */
export interface PendingStart { table: 'cases' | 'seizures' | 'traces'; id: string; workflowId: string; workflowType: string; args: unknown[] }

const SOURCES: { table: PendingStart['table']; workflowType: string; select: string; args: (r: Record<string, any>) => unknown[] }[] = [
  { table: 'cases', workflowType: 'caseWorkflow', select: 'id, workflow_id', args: (r) => [{ caseId: r.id }] },
  { table: 'seizures', workflowType: 'seizureWorkflow', select: 'id, workflow_id', args: (r) => [{ seizureId: r.id }] },
  {
    table: 'traces', workflowType: 'traceWorkflow', select: 'id, workflow_id, due_at',
    args: (r) => [{ traceId: r.id, dueAt: new Date(r.due_at).toISOString() }],
  },
];

export async function findPendingWorkflowStarts(dataSource: DataSource, olderThanMs: number, limit: number): Promise<PendingStart[]> {
  const out: PendingStart[] = [];
  for (const source of SOURCES) {
    const rows: Record<string, any>[] = await dataSource.query(
      `SELECT ${source.select} FROM ${source.table}
       WHERE workflow_started_at IS NULL AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
      [olderThanMs / 1000, limit]);
    out.push(...rows.map((r) => ({ table: source.table, id: r.id, workflowId: r.workflow_id, workflowType: source.workflowType, args: source.args(r) })));
  }
  return out;
}

export async function markWorkflowsStarted(dataSource: DataSource, table: PendingStart['table'], ids: string[]): Promise<void> {
  await dataSource.query(`UPDATE ${table} SET workflow_started_at = now() WHERE id = ANY($1) AND workflow_started_at IS NULL`, [ids]);
}

/**
 * Records whose workflow the API has just started, written in one UPDATE per table every `delayMs` instead of one
 * statement and commit per request (a profile of bench:intake showed the API's CPU going mostly to database round
 * trips). A mark lost to a crash or an error costs nothing but time: the relay finds the record, its start is
 * recognised as already done, and it marks it then.
 */
export class WorkflowStartMarks {
  private pending = new Map<PendingStart['table'], Set<string>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 50,
  ) {}

  mark(table: PendingStart['table'], id: string): void {
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
