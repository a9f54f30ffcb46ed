import type { DataSource, EntityManager } from 'typeorm';
import { query, queryOne } from '../db/sql';
import type { MeetingLevel, NotificationStatus, ReportAction, ReportStatus } from './meeting-rules';

export interface ReportHistoryEntry {
  status: ReportStatus; action: ReportAction; actor: string; agency: string | null; at: string; dueAt?: string; note?: string;
}

/** One entry of a meeting's rescheduling history. */
export interface ScheduleChange { from: string; to: string; reason: string; by: string; at: string }
export interface Attendee { name: string; agency: string }
export interface Cancellation { at: Date; by: string; reason: string }

export interface MeetingRecord {
  id: string; organizerId: string; organizerUsername: string; owningAgency: string; title: string;
  counterpartCountry: string; counterpartAgencies: string[]; level: MeetingLevel; scheduledAt: Date; location: string | null;
  deliverables: string[]; notificationRequired: boolean; notificationDueAt: Date | null; notification: NotificationStatus;
  noticeAt: Date | null; noticeBy: string | null; heldAt: Date | null; outcomeSummary: string | null; outcomeBy: string | null;
  outcomeAt: Date | null; report: ReportStatus; reportDueAt: Date | null; reportBody: string | null;
  reportHistory: ReportHistoryEntry[]; workflowId: string; createdAt: Date; updatedAt: Date;
  caseId: string | null; attendees: Attendee[]; cancellation: Cancellation | null; scheduleHistory: ScheduleChange[];
}

interface MeetingRow {
  id: string; organizer_id: string; organizer_username: string; owning_agency: string; title: string;
  /** char(2): PostgreSQL pads it, so it is trimmed. */
  counterpart_country: string; counterpart_agencies: string[]; level: MeetingLevel; scheduled_at: Date; location: string | null;
  deliverables: string[]; notification_required: boolean; notification_due_at: Date | null; notification_status: NotificationStatus;
  notice_at: Date | null; notice_by: string | null; held_at: Date | null; outcome_summary: string | null; outcome_by: string | null;
  outcome_at: Date | null; report_status: ReportStatus; report_due_at: Date | null; report_body: string | null;
  report_history: ReportHistoryEntry[]; workflow_id: string; created_at: Date; updated_at: Date;
  case_id: string | null; attendees: Attendee[]; cancelled_at: Date | null; cancelled_by: string | null; cancel_reason: string | null;
  schedule_history: ScheduleChange[];
}

const toRecord = (r: MeetingRow): MeetingRecord => ({
  id: r.id, organizerId: r.organizer_id, organizerUsername: r.organizer_username, owningAgency: r.owning_agency,
  title: r.title, counterpartCountry: r.counterpart_country.trim(), counterpartAgencies: r.counterpart_agencies,
  level: r.level, scheduledAt: r.scheduled_at, location: r.location, deliverables: r.deliverables,
  notificationRequired: r.notification_required, notificationDueAt: r.notification_due_at,
  notification: r.notification_status, noticeAt: r.notice_at, noticeBy: r.notice_by, heldAt: r.held_at,
  outcomeSummary: r.outcome_summary, outcomeBy: r.outcome_by, outcomeAt: r.outcome_at, report: r.report_status,
  reportDueAt: r.report_due_at, reportBody: r.report_body, reportHistory: r.report_history, workflowId: r.workflow_id,
  createdAt: r.created_at, updatedAt: r.updated_at, caseId: r.case_id, attendees: r.attendees,
  cancellation: r.cancelled_at ? { at: r.cancelled_at, by: r.cancelled_by ?? 'unknown', reason: r.cancel_reason ?? '' } : null,
  scheduleHistory: r.schedule_history,
});

const SELECT = 'SELECT m.*, u.username AS organizer_username FROM meetings m JOIN users u ON u.id = m.organizer_id';

export interface MeetingInsert {
  id: string; organizerId: string; owningAgency: string; title: string; counterpartCountry: string;
  counterpartAgencies: string[]; level: MeetingLevel; scheduledAt: Date; location: string | null; deliverables: string[];
  notificationRequired: boolean; notificationDueAt: Date | null; notification: NotificationStatus; workflowId: string;
  caseId: string | null; attendees: Attendee[];
}

export interface ReportChange {
  status: ReportStatus; dueAt: Date | null; body: string | null; entry: ReportHistoryEntry;
}

/** The meetings table: SQL only. Authorisation is in the queries (`agency` null reaches every agency's meetings). */
export class MeetingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, m: MeetingInsert, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO meetings (id, organizer_id, owning_agency, title, counterpart_country, counterpart_agencies, level,
         scheduled_at, location, deliverables, notification_required, notification_due_at, notification_status,
         workflow_id, created_at, updated_at, case_id, attendees)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17::jsonb)`,
      [m.id, m.organizerId, m.owningAgency, m.title, m.counterpartCountry, m.counterpartAgencies, m.level, m.scheduledAt,
        m.location, m.deliverables, m.notificationRequired, m.notificationDueAt, m.notification, m.workflowId, at,
        m.caseId, JSON.stringify(m.attendees)],
    );
  }

  /** The meeting inside the transaction, locked for it when `lock` (steps on one meeting run one at a time). */
  async load(tx: EntityManager, id: string, lock: boolean): Promise<MeetingRecord> {
    const row = await queryOne<MeetingRow>(tx, `${SELECT} WHERE m.id = $1${lock ? ' FOR UPDATE OF m' : ''}`, [id]);
    if (!row) throw new Error(`meeting ${id} not found`);
    return toRecord(row);
  }

  async setNotice(tx: EntityManager, id: string, status: NotificationStatus, by: string, at: Date): Promise<void> {
    await tx.query(`UPDATE meetings SET notification_status = $2, notice_at = $3, notice_by = $4, updated_at = $3 WHERE id = $1`,
      [id, status, at, by]);
  }

  /** Whether the meeting was still PENDING (and is now MISSING). */
  async markNoticeMissing(tx: EntityManager, id: string, at: Date): Promise<boolean> {
    const changed = await query<{ id: string }>(tx,
      `UPDATE meetings SET notification_status = 'MISSING', updated_at = $2 WHERE id = $1 AND notification_status = 'PENDING' AND cancelled_at IS NULL RETURNING id`,
      [id, at]);
    return changed.length > 0;
  }

  async setOutcome(tx: EntityManager, id: string, outcome: { heldAt: Date; summary: string; by: string }, at: Date): Promise<void> {
    await tx.query(`UPDATE meetings SET held_at = $2, outcome_summary = $3, outcome_by = $4, outcome_at = $5, updated_at = $5 WHERE id = $1`,
      [id, outcome.heldAt, outcome.summary, outcome.by, at]);
  }

  /** A report step: its status, a new due date and body when it brings them, and its entry at the end of the history. */
  async applyReportChange(tx: EntityManager, id: string, change: ReportChange, at: Date): Promise<void> {
    await tx.query(
      `UPDATE meetings SET report_status = $2, report_due_at = COALESCE($3, report_due_at), report_body = COALESCE($4, report_body),
         report_history = report_history || $5::jsonb, updated_at = $6 WHERE id = $1`,
      [id, change.status, change.dueAt, change.body, JSON.stringify([change.entry]), at]);
  }

  async cancel(tx: EntityManager, id: string, cancellation: Cancellation): Promise<void> {
    await tx.query(`UPDATE meetings SET cancelled_at = $2, cancelled_by = $3, cancel_reason = $4, updated_at = $2 WHERE id = $1`,
      [id, cancellation.at, cancellation.by, cancellation.reason]);
  }

  /** The new time and notice due time; a notice the old time left MISSING is owed again (PENDING) for the new one. */
  async reschedule(
    tx: EntityManager, id: string, change: { scheduledAt: Date; notificationDueAt: Date | null; entry: ScheduleChange }, at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE meetings SET scheduled_at = $2, notification_due_at = $3,
         notification_status = CASE WHEN notification_status = 'MISSING' THEN 'PENDING' ELSE notification_status END,
         schedule_history = schedule_history || $4::jsonb, updated_at = $5 WHERE id = $1`,
      [id, change.scheduledAt, change.notificationDueAt, JSON.stringify([change.entry]), at]);
  }

  async addAttendees(tx: EntityManager, id: string, attendees: Attendee[], at: Date): Promise<void> {
    await tx.query(`UPDATE meetings SET attendees = attendees || $2::jsonb, updated_at = $3 WHERE id = $1`,
      [id, JSON.stringify(attendees), at]);
  }

  /** Whether agency $2 may read case $1: its own, or shared with it by a live grant (the cases' own rule). */
  async caseReadableBy(caseId: string, agency: string): Promise<boolean> {
    return (await queryOne(this.dataSource,
      `SELECT 1 FROM cases c WHERE c.id = $1 AND (c.owning_agency = $2 OR EXISTS (SELECT 1 FROM case_shares s
         WHERE s.case_id = c.id AND s.agency_code = $2 AND s.revoked_at IS NULL))`, [caseId, agency])) !== undefined;
  }

  async caseExists(caseId: string): Promise<boolean> {
    return (await queryOne(this.dataSource, 'SELECT 1 FROM cases WHERE id = $1', [caseId])) !== undefined;
  }

  /** Every known agency code, of any country (attendees may come from any partner). */
  async agencyCodes(): Promise<string[]> {
    return (await query<{ code: string }>(this.dataSource, 'SELECT code FROM agencies')).map((r) => r.code);
  }

  async exists(id: string): Promise<boolean> {
    return (await queryOne(this.dataSource, 'SELECT 1 FROM meetings WHERE id = $1', [id])) !== undefined;
  }

  async findById(id: string): Promise<MeetingRecord | null> {
    return this.findVisible(id, null);
  }

  async findVisible(id: string, agency: string | null): Promise<MeetingRecord | null> {
    const row = await queryOne<MeetingRow>(this.dataSource, `${SELECT} WHERE m.id = $1 AND ($2::text IS NULL OR m.owning_agency = $2)`, [id, agency]);
    return row ? toRecord(row) : null;
  }

  async list(
    agency: string | null, limit: number, after?: { createdAt: Date; id: string }, caseId?: string,
  ): Promise<MeetingRecord[]> {
    const rows = await query<MeetingRow>(this.dataSource,
      `${SELECT} WHERE ($1::text IS NULL OR m.owning_agency = $1) AND ($2::timestamptz IS NULL OR (m.created_at, m.id) < ($2, $3::uuid))
         AND ($5::uuid IS NULL OR m.case_id = $5)
       ORDER BY m.created_at DESC, m.id DESC LIMIT $4`,
      [agency, after?.createdAt ?? null, after?.id ?? null, limit, caseId ?? null]);
    return rows.map(toRecord);
  }

  /** Meetings scheduled within [from, to], both ends included, in time order (M4). */
  async scheduledBetween(from: Date, to: Date, limit: number): Promise<MeetingRecord[]> {
    const rows = await query<MeetingRow>(this.dataSource,
      `${SELECT} WHERE m.scheduled_at >= $1 AND m.scheduled_at <= $2 ORDER BY m.scheduled_at, m.id LIMIT $3`, [from, to, limit]);
    return rows.map(toRecord);
  }

  /** Known agency codes of a country (counterpart agencies are data, not constants). */
  async agenciesOf(country: string): Promise<string[]> {
    const rows = await query<{ code: string }>(this.dataSource, 'SELECT code FROM agencies WHERE country = $1', [country]);
    return rows.map((r) => r.code);
  }
}
