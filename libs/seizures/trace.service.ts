import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import { uuidFrom } from '../common/deterministic-id';
import { updateReturning } from '../db/update-returning';
import { NotificationStore } from '../notifications/notification-store';
import { nextTraceStatus, TraceAction, TracePriority, TraceStatus, timeToCrimeDays } from './trace-rules';

import { traceWorkflowId } from '../contracts/workflows';

export interface TraceActor { userId: string; username: string; agency: string }
export interface TraceResultInput { firstRetailDealer?: string; sourceState?: string; firstRetailSaleDate?: string; reason?: string }

export interface TraceRecord {
  id: string; seizureId: string | null; caseId: string | null; firearmId: string | null; serialNumber: string; priority: TracePriority; status: TraceStatus;
  overdue: boolean; requestingAgency: string; tracingAgency: string; requestedBy: string; dueAt: Date;
  firstRetailDealer: string | null; sourceState: string | null; firstRetailSaleDate: string | null;
  timeToCrimeDays: number | null; unsuccessfulReason: string | null; history: unknown[]; workflowId: string; createdAt: Date;
}

export class InvalidTraceTransition extends Error {
  constructor(readonly current: TraceStatus, action: TraceAction) { super(`cannot ${action.toLowerCase()} a trace that is ${current}`); }
}

type Row = Record<string, any>;
const toRecord = (r: Row): TraceRecord => ({
  id: r.id, seizureId: r.seizure_id, caseId: r.case_id, firearmId: r.firearm_id ?? r.case_firearm_id, serialNumber: r.serial_number, priority: r.priority,
  status: r.status, overdue: r.overdue, requestingAgency: r.requesting_agency, tracingAgency: r.tracing_agency,
  requestedBy: r.requested_by, dueAt: new Date(r.due_at), firstRetailDealer: r.first_retail_dealer, sourceState: r.source_state,
  firstRetailSaleDate: r.sale_date ?? null, timeToCrimeDays: r.time_to_crime_days, unsuccessfulReason: r.unsuccessful_reason,
  history: r.history, workflowId: r.workflow_id, createdAt: new Date(r.created_at),
});

/** Trace requests (seed 003): submitted, monitored while in progress, completed with a result or closed unsuccessful. */
export class TraceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationStore,
    private readonly audit: AuditStore,
    private readonly dueAfterMs: Record<TracePriority, number>,
  ) {}

  /** The agency that traces firearms is data: the one R3 (DOMESTIC_FIREARMS) routes to. */
  async tracingAgency(tx?: EntityManager): Promise<string> {
    const rows: { agency_code: string }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT agency_code FROM referral_roles WHERE kind = 'DOMESTIC_FIREARMS'`);
    return rows[0]?.agency_code ?? 'ATF';
  }

  async request(
    tx: EntityManager, id: string, actor: TraceActor, seizureId: string, input: { serialNumber: string; priority: TracePriority; firearmId: string | null },
  ): Promise<TraceRecord> {
    const at = new Date();
    const tracing = await this.tracingAgency(tx);
    const history = [{ status: 'SUBMITTED', actor: actor.username, agency: actor.agency, at: at.toISOString() }];
    await tx.query(
      `INSERT INTO traces (id, seizure_id, firearm_id, serial_number, priority, status, requesting_agency, tracing_agency,
         requested_by, due_at, history, workflow_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'SUBMITTED', $6, $7, $8, $9, $10, $11, $12, $12)`,
      [id, seizureId, input.firearmId, input.serialNumber, input.priority, actor.agency, tracing, actor.username,
        new Date(at.getTime() + this.dueAfterMs[input.priority]), JSON.stringify(history), traceWorkflowId(id), at],
    );
    const trace = (await this.load(tx, id)) as TraceRecord;
    await this.announce(tx, trace, 'trace.submitted', actor, { priority: input.priority });
    return trace;
  }

  /**
   * R3: once the firearms agency has accepted the case's R3 referral (and with it a share of the case), each firearm
   * of the case gets a routine trace requested in the owning agency's name. Before acceptance nothing of the case but
   * the referral's reason leaves the owning agency. One trace per case firearm; answers every such trace of the case.
   */
  async ensureCaseFirearmTraces(caseId: string): Promise<{ traceId: string; workflowId: string; dueAt: string }[]> {
    return this.dataSource.transaction(async (tx) => {
      const at = new Date();
      const tracing = await this.tracingAgency(tx);
      const firearms: { id: string }[] = await tx.query(
        `SELECT f.id FROM case_firearms f
         WHERE f.case_id = $1 AND NOT EXISTS (SELECT 1 FROM traces t WHERE t.case_firearm_id = f.id)
           AND EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = f.case_id AND r.rule = 'R3' AND r.status = 'ACCEPTED')`,
        [caseId]);
      // Ids derive from the firearm, so a retried activity finds the trace it already made.
      const ids = firearms.map((f) => uuidFrom(`case-trace\n${f.id}`));
      const created: { id: string }[] = firearms.length === 0 ? [] : await tx.query(
        `INSERT INTO traces (id, case_id, case_firearm_id, serial_number, priority, status, requesting_agency, tracing_agency,
           requested_by, due_at, history, workflow_id, workflow_started_at, created_at, updated_at)
         SELECT n.id, $1, f.id, f.serial_number, 'ROUTINE', 'SUBMITTED', c.owning_agency, $2, 'system', $3,
                jsonb_build_array(jsonb_build_object('status', 'SUBMITTED', 'actor', 'system', 'agency', c.owning_agency,
                  'at', $5::text, 'note', 'rule R3: firearm in a case referred for domestic sale or transport')),
                'trace-' || n.id, $4, $4, $4
         FROM unnest($6::uuid[], $7::uuid[]) AS n(id, firearm_id)
         JOIN case_firearms f ON f.id = n.firearm_id JOIN cases c ON c.id = f.case_id
         ON CONFLICT DO NOTHING RETURNING id`,
        [caseId, tracing, new Date(at.getTime() + this.dueAfterMs.ROUTINE), at, at.toISOString(), ids, firearms.map((f) => f.id)],
      );
      for (const { id } of created) {
        const trace = await this.load(tx, id);
        if (trace) await this.announce(tx, trace, 'trace.submitted', null, { priority: 'ROUTINE', rule: 'R3' });
      }
      const all: Row[] = await tx.query('SELECT id, workflow_id, due_at FROM traces WHERE case_id = $1 ORDER BY created_at, id', [caseId]);
      return all.map((r) => ({ traceId: r.id, workflowId: r.workflow_id, dueAt: new Date(r.due_at).toISOString() }));
    });
  }

  /**
   * One step of the state machine; a retry of a step already applied by the same actor answers the trace as it is.
   * A result is accepted only while the trace is in progress.
   */
  async transition(id: string, action: TraceAction, actor: TraceActor, result: TraceResultInput = {}): Promise<TraceRecord> {
    return this.dataSource.transaction(async (tx) => {
      const rows: Row[] = await tx.query(
        `SELECT t.*, s.seized_at FROM traces t LEFT JOIN seizures s ON s.id = t.seizure_id WHERE t.id = $1 FOR UPDATE OF t`, [id]);
      if (rows.length === 0) throw new Error(`trace ${id} not found`);
      const current = toRecord(rows[0]);
      const next = nextTraceStatus(current.status, action);
      if (next === null) {
        const last = current.history[current.history.length - 1] as { action?: string; actor?: string } | undefined;
        if (last?.action === action && last.actor === actor.username) return current;
        throw new InvalidTraceTransition(current.status, action);
      }
      const at = new Date();
      // Time-to-crime runs to the seizure; a case firearm that was never seized has none.
      const days = result.firstRetailSaleDate && rows[0].seized_at ? timeToCrimeDays(result.firstRetailSaleDate, new Date(rows[0].seized_at)) : null;
      const entry = { status: next, action, actor: actor.username, agency: actor.agency, at: at.toISOString(), ...(result.reason ? { note: result.reason } : {}) };
      await tx.query(
        `UPDATE traces SET status = $2, history = history || $3::jsonb, updated_at = $4,
           first_retail_dealer = coalesce($5, first_retail_dealer), source_state = coalesce($6, source_state),
           first_retail_sale_date = coalesce($7::date, first_retail_sale_date), time_to_crime_days = coalesce($8, time_to_crime_days),
           unsuccessful_reason = coalesce($9, unsuccessful_reason)
         WHERE id = $1`,
        [id, next, JSON.stringify([entry]), at, result.firstRetailDealer ?? null, result.sourceState?.toUpperCase() ?? null,
          result.firstRetailSaleDate ?? null, days, action === 'FAIL' ? result.reason ?? null : null],
      );
      const updated = (await this.load(tx, id)) as TraceRecord;
      await this.announce(tx, updated, `trace.${next.toLowerCase()}`, actor, { from: current.status, to: next });
      return updated;
    });
  }

  /** The due time passed without a result: flagged (the status stays), both agencies told. Idempotent. */
  async markOverdue(id: string): Promise<TraceRecord | null> {
    return this.dataSource.transaction(async (tx) => {
      const flagged = await updateReturning(tx,
        `UPDATE traces SET overdue = true, updated_at = now() WHERE id = $1 AND NOT overdue
           AND status IN ('SUBMITTED', 'IN_PROGRESS') RETURNING id`, [id]);
      const trace = await this.load(tx, id);
      if (trace && flagged.length > 0) await this.announce(tx, trace, 'trace.overdue', null, {});
      return trace;
    });
  }

  async find(id: string): Promise<TraceRecord | null> {
    return this.load(this.dataSource.manager, id);
  }

  /** Traces an agency asked for or works, by status (OVERDUE = flagged overdue and not finished). */
  /** Newest first; `after` is the last row of the previous page (keyset). */
  async list(agency: string, status: string | undefined, limit: number, after?: { createdAt: Date; id: string }): Promise<TraceRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT *, first_retail_sale_date::text AS sale_date FROM traces WHERE (requesting_agency = $1 OR tracing_agency = $1)
         AND ($2::text IS NULL OR ($2 = 'OVERDUE' AND overdue AND status IN ('SUBMITTED', 'IN_PROGRESS')) OR status = $2)
         AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $3`, [agency, status ?? null, limit, after?.createdAt ?? null, after?.id ?? null]);
    return rows.map(toRecord);
  }

  private async load(tx: EntityManager, id: string): Promise<TraceRecord | null> {
    const rows: Row[] = await tx.query('SELECT *, first_retail_sale_date::text AS sale_date FROM traces WHERE id = $1', [id]);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  /** Audit, and notifications to whoever asked for the trace and to the tracing agency's agents. */
  private async announce(tx: EntityManager, trace: TraceRecord, action: string, actor: TraceActor | null, details: Record<string, unknown>): Promise<void> {
    await this.audit.append({
      actor: actor?.username ?? 'system', agency: actor?.agency ?? null, action, entityType: 'trace', entityId: trace.id,
      details: { seizureId: trace.seizureId, caseId: trace.caseId, ...details }, dedupKey: `${action}:${trace.id}`,
    }, tx);
    const users: { id: string }[] = await tx.query(
      `SELECT id FROM users WHERE (agency_code = $1 AND 'CASE_AGENT' = ANY(roles)) OR username = $2`, [trace.tracingAgency, trace.requestedBy]);
    await this.notifications.push(tx, users.map((u) => ({
      userId: u.id, kind: action, entityType: 'trace', entityId: trace.id, payload: { trace: traceView(trace) },
      dedupKey: `${action}:${trace.id}`,
    })));
  }
}

export function traceView(t: TraceRecord) {
  return {
    id: t.id, seizureId: t.seizureId, caseId: t.caseId, firearmId: t.firearmId, serialNumber: t.serialNumber, priority: t.priority,
    status: t.status, overdue: t.overdue, requestingAgency: t.requestingAgency, tracingAgency: t.tracingAgency,
    requestedBy: t.requestedBy, dueAt: t.dueAt.toISOString(),
    result: t.status === 'COMPLETED'
      ? { firstRetailDealer: t.firstRetailDealer, sourceState: t.sourceState, firstRetailSaleDate: t.firstRetailSaleDate, timeToCrimeDays: t.timeToCrimeDays }
      : null,
    unsuccessfulReason: t.unsuccessfulReason, history: t.history, createdAt: t.createdAt.toISOString(),
  };
}
