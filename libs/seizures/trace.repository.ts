import type { EntityManager } from 'typeorm';
import { Db, query, queryOne } from '../db/sql';
import type { TracePriority, TraceStatus } from './trace-rules';

export interface TraceRecord {
  id: string; seizureId: string | null; caseId: string | null; firearmId: string | null; serialNumber: string; priority: TracePriority; status: TraceStatus;
  overdue: boolean; requestingAgency: string; tracingAgency: string; requestedBy: string; dueAt: Date;
  firstRetailDealer: string | null; sourceState: string | null; firstRetailSaleDate: string | null;
  timeToCrimeDays: number | null; unsuccessfulReason: string | null; history: unknown[]; workflowId: string; createdAt: Date;
}

/** A trace as `SELECT_TRACE` reads it: the sale date as text (a date, not an instant); `lock` adds the seizure's time. */
interface TraceRow {
  id: string; seizure_id: string | null; case_id: string | null; firearm_id: string | null; case_firearm_id: string | null;
  serial_number: string; priority: TracePriority; status: TraceStatus; overdue: boolean; requesting_agency: string;
  tracing_agency: string; requested_by: string; due_at: Date; first_retail_dealer: string | null; source_state: string | null;
  sale_date: string | null; time_to_crime_days: number | null; unsuccessful_reason: string | null; history: unknown[];
  workflow_id: string; created_at: Date;
}

const toRecord = (r: TraceRow): TraceRecord => ({
  id: r.id, seizureId: r.seizure_id, caseId: r.case_id, firearmId: r.firearm_id ?? r.case_firearm_id, serialNumber: r.serial_number, priority: r.priority,
  status: r.status, overdue: r.overdue, requestingAgency: r.requesting_agency, tracingAgency: r.tracing_agency,
  requestedBy: r.requested_by, dueAt: new Date(r.due_at), firstRetailDealer: r.first_retail_dealer, sourceState: r.source_state,
  firstRetailSaleDate: r.sale_date ?? null, timeToCrimeDays: r.time_to_crime_days, unsuccessfulReason: r.unsuccessful_reason,
  history: r.history, workflowId: r.workflow_id, createdAt: new Date(r.created_at),
});
const SELECT_TRACE = 'SELECT t.*, t.first_retail_sale_date::text AS sale_date FROM traces t';

export interface NewTrace {
  id: string; seizureId: string; firearmId: string | null; serialNumber: string; priority: TracePriority;
  requestingAgency: string; tracingAgency: string; requestedBy: string; dueAt: Date; history: unknown[]; workflowId: string; at: Date;
}

/** What any requested trace records, whichever firearm it is of. */
type TraceRequest = Omit<NewTrace, 'seizureId' | 'firearmId'>;

/** A trace of a case firearm: the case takes the seizure's place. */
export type NewCaseFirearmTrace = TraceRequest & { caseId: string; caseFirearmId: string };

interface TracedFirearm { seizureId: string | null; firearmId: string | null; caseId: string | null; caseFirearmId: string | null }

/** The outcome fields a step may set; a null leaves the stored value. */
export interface TraceOutcome {
  firstRetailDealer: string | null; sourceState: string | null; firstRetailSaleDate: string | null; timeToCrimeDays: number | null;
  unsuccessfulReason: string | null;
}

/** The traces table: SQL only, the state machine and the announcements are TraceService's. */
export class TraceRepository {
  /** The agency that traces firearms is data: the one R3 (DOMESTIC_FIREARMS) routes to. */
  async tracingAgency(db: Db): Promise<string | undefined> {
    const row = await queryOne<{ agency_code: string }>(db, `SELECT agency_code FROM referral_roles WHERE kind = 'DOMESTIC_FIREARMS'`);
    return row?.agency_code;
  }

  async insert(tx: EntityManager, t: NewTrace): Promise<void> {
    await this.insertSubmitted(tx, t, { seizureId: t.seizureId, firearmId: t.firearmId, caseId: null, caseFirearmId: null });
  }

  /**
   * The case's firearms with no trace yet, once the case's R3 referral has been accepted, or at once for a
   * domestic-sale case the tracing agency owns itself (R3 never refers a case to its owner).
   */
  async untracedCaseFirearms(tx: EntityManager, caseId: string, tracingAgency: string): Promise<string[]> {
    const rows = await query<{ id: string }>(tx,
      `SELECT f.id FROM case_firearms f JOIN cases c ON c.id = f.case_id
       WHERE f.case_id = $1 AND NOT EXISTS (SELECT 1 FROM traces t WHERE t.case_firearm_id = f.id)
         AND (EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = f.case_id AND r.rule = 'R3' AND r.status = 'ACCEPTED')
           OR (c.owning_agency = $2 AND c.flags->>'domesticSale' = 'true'))`,
      [caseId, tracingAgency]);
    return rows.map((r) => r.id);
  }

  /** Routine traces of case firearms in the owning agency's name (rule R3); answers the ids this call created. */
  async insertCaseFirearmTraces(
    tx: EntityManager, caseId: string, traces: { id: string; firearmId: string }[], tracingAgency: string, dueAt: Date, at: Date,
  ): Promise<string[]> {
    if (traces.length === 0) return [];
    const rows = await query<{ id: string }>(tx,
      `INSERT INTO traces (id, case_id, case_firearm_id, serial_number, priority, status, requesting_agency, tracing_agency,
         requested_by, due_at, history, workflow_id, workflow_started_at, created_at, updated_at)
       SELECT n.id, $1, f.id, f.serial_number, 'ROUTINE', 'SUBMITTED', c.owning_agency, $2, 'system', $3,
              jsonb_build_array(jsonb_build_object('status', 'SUBMITTED', 'actor', 'system', 'agency', c.owning_agency,
                'at', $5::text, 'note', CASE WHEN c.owning_agency = $2
                  THEN 'domestic sale: the tracing agency traces the firearms of its own case'
                  ELSE 'rule R3: firearm in a case referred for domestic sale or transport' END)),
              'trace-' || n.id, $4, $4, $4
       FROM unnest($6::uuid[], $7::uuid[]) AS n(id, firearm_id)
       JOIN case_firearms f ON f.id = n.firearm_id JOIN cases c ON c.id = f.case_id
       ON CONFLICT DO NOTHING RETURNING id`,
      [caseId, tracingAgency, dueAt, at, at.toISOString(), traces.map((t) => t.id), traces.map((t) => t.firearmId)],
    );
    return rows.map((r) => r.id);
  }

  /** A firearm of the case (the route names both: a firearm of another case is not found). */
  async caseFirearm(db: Db, caseId: string, firearmId: string): Promise<{ id: string; serialNumber: string } | undefined> {
    const row = await queryOne<{ id: string; serial_number: string }>(db,
      'SELECT id, serial_number FROM case_firearms WHERE id = $1 AND case_id = $2', [firearmId, caseId]);
    return row && { id: row.id, serialNumber: row.serial_number };
  }

  /**
   * The firearm's open trace, if any, read under a transaction lock on the firearm: two requests for one firearm
   * are decided one after the other (the open-trace index, migration 1763900000017, is the second wall).
   */
  async openTraceOfCaseFirearm(tx: EntityManager, firearmId: string): Promise<string | undefined> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('trace-case-firearm:' || $1::text, 0))`, [firearmId]);
    const row = await queryOne<{ id: string }>(tx,
      `SELECT id FROM traces WHERE case_firearm_id = $1 AND status IN ('SUBMITTED', 'IN_PROGRESS')`, [firearmId]);
    return row?.id;
  }

  /** A trace a case agent asked for, of a firearm of their case. */
  async insertForCaseFirearm(tx: EntityManager, t: NewCaseFirearmTrace): Promise<void> {
    await this.insertSubmitted(tx, t, { seizureId: null, firearmId: null, caseId: t.caseId, caseFirearmId: t.caseFirearmId });
  }

  /** A trace someone asked for, of a seized firearm or of a case's (the other pair of columns stays null). */
  private async insertSubmitted(tx: EntityManager, t: TraceRequest, of: TracedFirearm): Promise<void> {
    await tx.query(
      `INSERT INTO traces (id, seizure_id, firearm_id, case_id, case_firearm_id, serial_number, priority, status,
         requesting_agency, tracing_agency, requested_by, due_at, history, workflow_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'SUBMITTED', $8, $9, $10, $11, $12, $13, $14, $14)`,
      [t.id, of.seizureId, of.firearmId, of.caseId, of.caseFirearmId, t.serialNumber, t.priority, t.requestingAgency,
        t.tracingAgency, t.requestedBy, t.dueAt, JSON.stringify(t.history), t.workflowId, t.at],
    );
  }

  async startsForCase(tx: EntityManager, caseId: string): Promise<{ id: string; workflowId: string; dueAt: Date }[]> {
    const rows = await query<{ id: string; workflow_id: string; due_at: Date }>(tx,
      'SELECT id, workflow_id, due_at FROM traces WHERE case_id = $1 ORDER BY created_at, id', [caseId]);
    return rows.map((r) => ({ id: r.id, workflowId: r.workflow_id, dueAt: new Date(r.due_at) }));
  }

  /** The trace and the time its seizure was made (null for a case firearm), locked for the transaction. */
  async lock(tx: EntityManager, id: string): Promise<{ trace: TraceRecord; seizedAt: Date | null } | undefined> {
    const row = await queryOne<TraceRow & { seized_at: Date | null }>(tx,
      `SELECT t.*, t.first_retail_sale_date::text AS sale_date, s.seized_at
       FROM traces t LEFT JOIN seizures s ON s.id = t.seizure_id WHERE t.id = $1 FOR UPDATE OF t`, [id]);
    return row && { trace: toRecord(row), seizedAt: row.seized_at === null ? null : new Date(row.seized_at) };
  }

  async applyStep(tx: EntityManager, id: string, status: TraceStatus, entry: unknown, at: Date, outcome: TraceOutcome): Promise<void> {
    await tx.query(
      `UPDATE traces SET status = $2, history = history || $3::jsonb, updated_at = $4,
         first_retail_dealer = coalesce($5, first_retail_dealer), source_state = coalesce($6, source_state),
         first_retail_sale_date = coalesce($7::date, first_retail_sale_date), time_to_crime_days = coalesce($8, time_to_crime_days),
         unsuccessful_reason = coalesce($9, unsuccessful_reason)
       WHERE id = $1`,
      [id, status, JSON.stringify([entry]), at, outcome.firstRetailDealer, outcome.sourceState, outcome.firstRetailSaleDate,
        outcome.timeToCrimeDays, outcome.unsuccessfulReason],
    );
  }

  /** True when this call flagged it (an open trace not flagged before). */
  async flagOverdue(tx: EntityManager, id: string): Promise<boolean> {
    const flagged = await query<{ id: string }>(tx,
      `UPDATE traces SET overdue = true, updated_at = now() WHERE id = $1 AND NOT overdue
         AND status IN ('SUBMITTED', 'IN_PROGRESS') RETURNING id`, [id]);
    return flagged.length > 0;
  }

  async find(db: Db, id: string): Promise<TraceRecord | undefined> {
    const row = await queryOne<TraceRow>(db, `${SELECT_TRACE} WHERE t.id = $1`, [id]);
    return row && toRecord(row);
  }

  /** See TraceService.list. */
  async list(db: Db, agency: string, status: string | undefined, limit: number, after?: { createdAt: Date; id: string }): Promise<TraceRecord[]> {
    const rows = await query<TraceRow>(db,
      `${SELECT_TRACE} WHERE (t.requesting_agency = $1 OR t.tracing_agency = $1)
         AND ($2::text IS NULL OR ($2 = 'OVERDUE' AND t.overdue AND t.status IN ('SUBMITTED', 'IN_PROGRESS')) OR t.status = $2)
         AND ($4::timestamptz IS NULL OR (t.created_at, t.id) < ($4::timestamptz, $5::uuid))
       ORDER BY t.created_at DESC, t.id DESC LIMIT $3`, [agency, status ?? null, limit, after?.createdAt ?? null, after?.id ?? null]);
    return rows.map(toRecord);
  }

  /** Who hears of a trace's steps: the tracing agency's case agents and whoever asked for it. */
  async recipients(tx: EntityManager, tracingAgency: string, requestedBy: string): Promise<string[]> {
    const rows = await query<{ id: string }>(tx,
      `SELECT id FROM users WHERE (agency_code = $1 AND 'CASE_AGENT' = ANY(roles)) OR username = $2`, [tracingAgency, requestedBy]);
    return rows.map((r) => r.id);
  }
}
