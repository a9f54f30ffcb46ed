import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { ActionItemStart, MeetingActor } from '../contracts/meetings';
import { meetingWorkflowId } from '../contracts/workflows';
import { updateReturning } from '../db/update-returning';
import type { NotificationStore } from '../notifications/notification-store';
import type { ActionItemService, NewActionItem } from './action-item.service';
import {
  MeetingLevel, nextNotificationStatus, nextReportStatus, notificationRequirement, NotificationStatus, ReportAction,
  reportEligible, ReportStatus,
} from './meeting-rules';
import { meetingSummaryView } from './meeting-views';

export interface ReportHistoryEntry {
  status: ReportStatus; action: ReportAction; actor: string; agency: string | null; at: string; dueAt?: string; note?: string;
}

export interface MeetingRecord {
  id: string; organizerId: string; organizerUsername: string; owningAgency: string; title: string;
  counterpartCountry: string; counterpartAgencies: string[]; level: MeetingLevel; scheduledAt: Date; location: string | null;
  deliverables: string[]; notificationRequired: boolean; notificationDueAt: Date | null; notification: NotificationStatus;
  noticeAt: Date | null; noticeBy: string | null; heldAt: Date | null; outcomeSummary: string | null; outcomeBy: string | null;
  outcomeAt: Date | null; report: ReportStatus; reportDueAt: Date | null; reportBody: string | null;
  reportHistory: ReportHistoryEntry[]; workflowId: string; createdAt: Date; updatedAt: Date;
}

export interface NewMeeting {
  id: string; organizer: MeetingActor; title: string; counterpartCountry: string; counterpartAgencies: string[];
  level: MeetingLevel; scheduledAt: Date; location?: string; deliverables: string[];
}

export type MeetingAspect = 'notification' | 'report' | 'outcome';

/** A step the rules refuse; `current` is the state of the aspect it touched (409 with it). */
export class InvalidMeetingTransition extends Error {
  constructor(readonly aspect: MeetingAspect, readonly current: string, message: string) { super(message); }
}

type Row = Record<string, any>;
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));
const toRecord = (r: Row): MeetingRecord => ({
  id: r.id, organizerId: r.organizer_id, organizerUsername: r.organizer_username, owningAgency: r.owning_agency,
  title: r.title, counterpartCountry: String(r.counterpart_country).trim(), counterpartAgencies: r.counterpart_agencies,
  level: r.level, scheduledAt: new Date(r.scheduled_at), location: r.location, deliverables: r.deliverables,
  notificationRequired: r.notification_required, notificationDueAt: date(r.notification_due_at),
  notification: r.notification_status, noticeAt: date(r.notice_at), noticeBy: r.notice_by, heldAt: date(r.held_at),
  outcomeSummary: r.outcome_summary, outcomeBy: r.outcome_by, outcomeAt: date(r.outcome_at), report: r.report_status,
  reportDueAt: date(r.report_due_at), reportBody: r.report_body, reportHistory: r.report_history, workflowId: r.workflow_id,
  createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
});
const SELECT = 'SELECT m.*, u.username AS organizer_username FROM meetings m JOIN users u ON u.id = m.organizer_id';

const REPORT_VERB: Record<ReportAction, string> = {
  REQUEST: 'meeting.report_requested', EXPIRE: 'meeting.report_overdue', SUBMIT: 'meeting.report_submitted',
  ACCEPT: 'meeting.report_accepted', RETURN: 'meeting.report_returned',
};

/**
 * Meeting use cases for the API and the meeting workflow's activities. Every step writes its change, its audit entry
 * and its notifications in one transaction; steps taken by a retried activity (same time `at`, fixed by the
 * workflow) are recognised and answered with the meeting as it stands, so nothing is written twice.
 */
export class MeetingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationStore,
    private readonly audit: AuditStore,
    private readonly actionItems: ActionItemService,
    private readonly noticeLeadTimeMs: number,
  ) {}

  /** Inside the caller's transaction; `started` runs between the insert and the announcement (workflow start). */
  async create(tx: EntityManager, input: NewMeeting, at: Date, started: (m: MeetingRecord) => Promise<void>): Promise<MeetingRecord> {
    const requirement = notificationRequirement(input, this.noticeLeadTimeMs);
    await tx.query(
      `INSERT INTO meetings (id, organizer_id, owning_agency, title, counterpart_country, counterpart_agencies, level,
         scheduled_at, location, deliverables, notification_required, notification_due_at, notification_status,
         workflow_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
      [input.id, input.organizer.userId, input.organizer.agency, input.title, input.counterpartCountry, input.counterpartAgencies,
        input.level, input.scheduledAt, input.location ?? null, input.deliverables, requirement.required, requirement.dueAt,
        requirement.initial, meetingWorkflowId(input.id), at],
    );
    const meeting = await this.load(tx, input.id, false);
    await started(meeting);
    await this.announce(tx, meeting, 'meeting.created', input.organizer, {
      level: meeting.level, counterpartCountry: meeting.counterpartCountry, scheduledAt: meeting.scheduledAt.toISOString(),
      notificationRequired: meeting.notificationRequired, notificationDueAt: meeting.notificationDueAt?.toISOString() ?? null,
    }, `meeting.created:${meeting.id}`);
    return meeting;
  }

  /** M1: the notice to the meeting-coordination team, ON_TIME or LATE against its due time. */
  async recordNotice(id: string, actor: MeetingActor, at: Date): Promise<MeetingRecord> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.load(tx, id, true);
      const timing = current.notificationDueAt ? { dueAt: current.notificationDueAt, noticeAt: at } : undefined;
      const next = nextNotificationStatus(current.notification, 'NOTICE', timing);
      if (next === null) {
        if (current.noticeAt?.getTime() === at.getTime() && current.noticeBy === actor.username) return current;
        throw new InvalidMeetingTransition('notification', current.notification,
          `cannot record a notice for a meeting whose notification is ${current.notification}`);
      }
      await tx.query(`UPDATE meetings SET notification_status = $2, notice_at = $3, notice_by = $4, updated_at = $3 WHERE id = $1`,
        [id, next, at, actor.username]);
      const updated = await this.load(tx, id, false);
      await this.announce(tx, updated, 'meeting.notice_recorded', actor, {
        from: current.notification, to: next, dueAt: current.notificationDueAt?.toISOString(), noticeAt: at.toISOString(),
      }, `meeting.notice_recorded:${id}`);
      return updated;
    });
  }

  /** The meeting time passed without a notice: a PENDING meeting becomes MISSING; any other keeps its state. */
  async markNoticeMissing(id: string, at: Date): Promise<MeetingRecord> {
    return this.dataSource.transaction(async (tx) => {
      const changed = await updateReturning(tx,
        `UPDATE meetings SET notification_status = 'MISSING', updated_at = $2 WHERE id = $1 AND notification_status = 'PENDING' RETURNING id`,
        [id, at]);
      const meeting = await this.load(tx, id, false);
      if (changed.length > 0) {
        await this.announce(tx, meeting, 'meeting.notice_missing', null, {
          scheduledAt: meeting.scheduledAt.toISOString(), dueAt: meeting.notificationDueAt?.toISOString(),
        }, `meeting.notice_missing:${id}`);
      }
      return meeting;
    });
  }

  /** The outcome, once, with its action items (their ids fixed by the API). */
  async recordOutcome(
    id: string, actor: MeetingActor, at: Date, outcome: { heldAt: string; summary: string; actionItems: NewActionItem[] },
  ): Promise<{ meeting: MeetingRecord; actionItems: ActionItemStart[] }> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.load(tx, id, true);
      const retried = current.outcomeAt?.getTime() === at.getTime() && current.outcomeBy === actor.username;
      if (current.outcomeAt && !retried) {
        throw new InvalidMeetingTransition('outcome', 'RECORDED', 'the outcome of this meeting is already recorded');
      }
      if (!retried) {
        await tx.query(`UPDATE meetings SET held_at = $2, outcome_summary = $3, outcome_by = $4, outcome_at = $5, updated_at = $5 WHERE id = $1`,
          [id, new Date(outcome.heldAt), outcome.summary, actor.username, at]);
      }
      const starts = await this.actionItems.insert(tx, outcome.actionItems, {
        source: 'MEETING', meetingId: id, owningAgency: current.owningAgency, createdBy: actor,
      }, at);
      const meeting = await this.load(tx, id, false);
      await this.announce(tx, meeting, 'meeting.outcome_recorded', actor, {
        heldAt: new Date(outcome.heldAt).toISOString(), actionItemIds: outcome.actionItems.map((i) => i.id),
      }, `meeting.outcome_recorded:${id}`);
      return { meeting, actionItems: starts };
    });
  }

  /**
   * One step of the report obligation (M3). `dueAt` is the new due date of a request or return. A step a retried
   * activity already applied (its history entry carries the same `at`) answers the meeting as it stands.
   */
  async reportStep(
    id: string, action: ReportAction, actor: MeetingActor | null, at: Date, extra: { dueAt?: Date; body?: string; comment?: string } = {},
  ): Promise<MeetingRecord> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.load(tx, id, true);
      const last = current.reportHistory[current.reportHistory.length - 1];
      if (last?.action === action && last.at === at.toISOString()) return current;
      if (action === 'REQUEST' && !reportEligible(current.deliverables)) {
        throw new InvalidMeetingTransition('report', current.report, 'the meeting touches no trilateral deliverable (M3)');
      }
      const next = nextReportStatus(current.report, action);
      if (next === null) {
        throw new InvalidMeetingTransition('report', current.report, `cannot ${action.toLowerCase()} a report that is ${current.report}`);
      }
      const dueAt = action === 'REQUEST' || action === 'RETURN' ? extra.dueAt : undefined;
      const entry: ReportHistoryEntry = {
        status: next, action, actor: actor?.username ?? 'system', agency: actor?.agency ?? null, at: at.toISOString(),
        ...(dueAt ? { dueAt: dueAt.toISOString() } : {}), ...(extra.comment ? { note: extra.comment } : {}),
      };
      await tx.query(
        `UPDATE meetings SET report_status = $2, report_due_at = COALESCE($3, report_due_at), report_body = COALESCE($4, report_body),
           report_history = report_history || $5::jsonb, updated_at = $6 WHERE id = $1`,
        [id, next, dueAt ?? null, action === 'SUBMIT' ? extra.body ?? '' : null, JSON.stringify([entry]), at]);
      const updated = await this.load(tx, id, false);
      await this.announce(tx, updated, REPORT_VERB[action], actor, {
        from: current.report, to: next, ...(dueAt ? { dueAt: dueAt.toISOString() } : {}), ...(extra.comment ? { comment: extra.comment } : {}),
      }, `${REPORT_VERB[action]}:${id}:${updated.reportHistory.length}`);
      return updated;
    });
  }

  /** The report clock fired: OVERDUE only if the report is still waiting on that same due date. */
  async markReportOverdue(id: string, dueAt: Date, at: Date): Promise<MeetingRecord> {
    const current = await this.findById(id);
    if (!current) throw new Error(`meeting ${id} not found`);
    if (current.reportDueAt?.getTime() !== dueAt.getTime()) return current;
    try {
      return await this.reportStep(id, 'EXPIRE', null, at);
    } catch (error) {
      if (error instanceof InvalidMeetingTransition) return (await this.findById(id)) as MeetingRecord;
      throw error;
    }
  }

  async exists(id: string): Promise<boolean> {
    return (await this.dataSource.query('SELECT 1 FROM meetings WHERE id = $1', [id])).length > 0;
  }

  async findById(id: string): Promise<MeetingRecord | null> {
    const rows: Row[] = await this.dataSource.query(`${SELECT} WHERE m.id = $1`, [id]);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  /** Authorisation in the query: `agency` null sees every agency's meetings. */
  async findVisible(id: string, agency: string | null): Promise<MeetingRecord | null> {
    const rows: Row[] = await this.dataSource.query(`${SELECT} WHERE m.id = $1 AND ($2::text IS NULL OR m.owning_agency = $2)`, [id, agency]);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async list(agency: string | null, limit: number, after?: { createdAt: Date; id: string }): Promise<MeetingRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} WHERE ($1::text IS NULL OR m.owning_agency = $1) AND ($2::timestamptz IS NULL OR (m.created_at, m.id) < ($2, $3::uuid))
       ORDER BY m.created_at DESC, m.id DESC LIMIT $4`,
      [agency, after?.createdAt ?? null, after?.id ?? null, limit]);
    return rows.map(toRecord);
  }

  /** Meetings scheduled within [from, to], both ends included, in time order (M4). */
  async scheduledBetween(from: Date, to: Date, limit: number): Promise<MeetingRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} WHERE m.scheduled_at >= $1 AND m.scheduled_at <= $2 ORDER BY m.scheduled_at, m.id LIMIT $3`, [from, to, limit]);
    return rows.map(toRecord);
  }

  /** Known agency codes of a country (counterpart agencies are data, not constants). */
  async agenciesOf(country: string): Promise<string[]> {
    const rows: { code: string }[] = await this.dataSource.query('SELECT code FROM agencies WHERE country = $1', [country]);
    return rows.map((r) => r.code);
  }

  private async load(tx: EntityManager, id: string, lock: boolean): Promise<MeetingRecord> {
    const rows: Row[] = await tx.query(`${SELECT} WHERE m.id = $1${lock ? ' FOR UPDATE OF m' : ''}`, [id]);
    if (rows.length === 0) throw new Error(`meeting ${id} not found`);
    return toRecord(rows[0]);
  }

  /** Audit entry, and a notification to the organizer and every member of the meeting-coordination team. */
  private async announce(
    tx: EntityManager, meeting: MeetingRecord, action: string, actor: MeetingActor | null, details: Record<string, unknown>, dedupKey: string,
  ): Promise<void> {
    await this.audit.append({
      actor: actor?.username ?? 'system', agency: actor?.agency ?? null, action, entityType: 'meeting', entityId: meeting.id,
      details, dedupKey,
    }, tx);
    const recipients = new Set([meeting.organizerId, ...(await this.notifications.usersWithRole(tx, 'MEETING_COORDINATION'))]);
    await this.notifications.push(tx, [...recipients].map((userId) => ({
      userId, kind: action, entityType: 'meeting', entityId: meeting.id, payload: { meeting: meetingSummaryView(meeting) }, dedupKey,
    })));
  }
}
