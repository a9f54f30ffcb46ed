import type { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { ActionItemStart, MeetingActor } from '../contracts/meetings';
import { meetingWorkflowId } from '../contracts/workflows';
import type { NotificationStore } from '../notifications/notification-store';
import type { ActionItemService, NewActionItem } from './action-item.service';
import { MeetingAnnouncer, meetingAnnouncer } from './meeting-announce';
import { enforce, InvalidMeetingTransition, MeetingChanges } from './meeting-changes';
import {
  MeetingLevel, nextNotificationStatus, nextReportStatus, notificationRequirement, ReportAction,
} from './meeting-rules';
import { Attendee, MeetingRecord, MeetingRepository, ReportHistoryEntry } from './meeting.repository';

export type { Attendee, MeetingRecord, ReportHistoryEntry } from './meeting.repository';
export type { MeetingAspect } from './meeting-rules';
export { InvalidMeetingTransition };
export { stepStateOf } from './meeting-changes';

export interface NewMeeting {
  id: string; organizer: MeetingActor; title: string; counterpartCountry: string; counterpartAgencies: string[];
  level: MeetingLevel; scheduledAt: Date; location?: string; deliverables: string[];
  /** The case it concerns, readable by the organizer's agency (the API checked). */
  caseId?: string; attendees?: Attendee[];
}

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
  private readonly meetings: MeetingRepository;
  private readonly announce: MeetingAnnouncer;
  /** Cancel, reschedule and attendees (meeting-changes.ts). */
  readonly changes: MeetingChanges;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationStore,
    private readonly audit: AuditStore,
    private readonly actionItems: ActionItemService,
    private readonly noticeLeadTimeMs: number,
  ) {
    this.meetings = new MeetingRepository(dataSource);
    this.announce = meetingAnnouncer(audit, notifications);
    this.changes = new MeetingChanges(dataSource, this.meetings, this.announce, noticeLeadTimeMs);
  }

  /** Inside the caller's transaction; `started` runs between the insert and the announcement (workflow start). */
  async create(tx: EntityManager, input: NewMeeting, at: Date, started: (m: MeetingRecord) => Promise<void>): Promise<MeetingRecord> {
    const requirement = notificationRequirement(input, this.noticeLeadTimeMs);
    await this.meetings.insert(tx, {
      id: input.id, organizerId: input.organizer.userId, owningAgency: input.organizer.agency, title: input.title,
      counterpartCountry: input.counterpartCountry, counterpartAgencies: input.counterpartAgencies, level: input.level,
      scheduledAt: input.scheduledAt, location: input.location ?? null, deliverables: input.deliverables,
      notificationRequired: requirement.required, notificationDueAt: requirement.dueAt, notification: requirement.initial,
      workflowId: meetingWorkflowId(input.id), caseId: input.caseId ?? null, attendees: input.attendees ?? [],
    }, at);
    const meeting = await this.meetings.load(tx, input.id, false);
    await started(meeting);
    await this.announce(tx, meeting, 'meeting.created', input.organizer, {
      level: meeting.level, counterpartCountry: meeting.counterpartCountry, scheduledAt: meeting.scheduledAt.toISOString(),
      notificationRequired: meeting.notificationRequired, notificationDueAt: meeting.notificationDueAt?.toISOString() ?? null,
      ...(meeting.caseId ? { caseId: meeting.caseId } : {}), attendees: meeting.attendees.length,
    }, `meeting.created:${meeting.id}`);
    return meeting;
  }

  /** M1: the notice to the meeting-coordination team, ON_TIME or LATE against its due time. */
  async recordNotice(id: string, actor: MeetingActor, at: Date): Promise<MeetingRecord> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.meetings.load(tx, id, true);
      if (current.noticeAt?.getTime() === at.getTime() && current.noticeBy === actor.username) return current;
      enforce('notice', current);
      const timing = current.notificationDueAt ? { dueAt: current.notificationDueAt, noticeAt: at } : undefined;
      const next = nextNotificationStatus(current.notification, 'NOTICE', timing);
      if (next === null) throw new Error(`meeting ${id} owes a notice without a due time`);
      await this.meetings.setNotice(tx, id, next, actor.username, at);
      const updated = await this.meetings.load(tx, id, false);
      await this.announce(tx, updated, 'meeting.notice_recorded', actor, {
        from: current.notification, to: next, dueAt: current.notificationDueAt?.toISOString(), noticeAt: at.toISOString(),
      }, `meeting.notice_recorded:${id}`);
      return updated;
    });
  }

  /** The meeting time passed without a notice: a PENDING meeting becomes MISSING; any other keeps its state. */
  async markNoticeMissing(id: string, at: Date): Promise<MeetingRecord> {
    return this.dataSource.transaction(async (tx) => {
      const changed = await this.meetings.markNoticeMissing(tx, id, at);
      const meeting = await this.meetings.load(tx, id, false);
      if (changed) {
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
      const current = await this.meetings.load(tx, id, true);
      const retried = current.outcomeAt?.getTime() === at.getTime() && current.outcomeBy === actor.username;
      if (!retried) {
        enforce('outcome', current);
        await this.meetings.setOutcome(tx, id, { heldAt: new Date(outcome.heldAt), summary: outcome.summary, by: actor.username }, at);
      }
      const starts = await this.actionItems.insert(tx, outcome.actionItems, {
        source: 'MEETING', meetingId: id, owningAgency: current.owningAgency, createdBy: actor,
      }, at);
      const meeting = await this.meetings.load(tx, id, false);
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
      const current = await this.meetings.load(tx, id, true);
      const last = current.reportHistory[current.reportHistory.length - 1];
      if (last?.action === action && last.at === at.toISOString()) return current;
      enforce(action, current);
      const next = nextReportStatus(current.report, action);
      if (next === null) throw new Error(`report step ${action} refused on ${current.report}`);
      const dueAt = action === 'REQUEST' || action === 'RETURN' ? extra.dueAt : undefined;
      const entry: ReportHistoryEntry = {
        status: next, action, actor: actor?.username ?? 'system', agency: actor?.agency ?? null, at: at.toISOString(),
        ...(dueAt ? { dueAt: dueAt.toISOString() } : {}), ...(extra.comment ? { note: extra.comment } : {}),
      };
      await this.meetings.applyReportChange(tx, id, {
        status: next, dueAt: dueAt ?? null, body: action === 'SUBMIT' ? extra.body ?? '' : null, entry,
      }, at);
      const updated = await this.meetings.load(tx, id, false);
      await this.announce(tx, updated, REPORT_VERB[action], actor, {
        from: current.report, to: next, ...(dueAt ? { dueAt: dueAt.toISOString() } : {}), ...(extra.comment ? { comment: extra.comment } : {}),
      }, `${REPORT_VERB[action]}:${id}:${updated.reportHistory.length}`);
      return updated;
    });
  }

  /** The report clock fired: OVERDUE only if the report is still waiting on that same due date. */
  async markReportOverdue(id: string, dueAt: Date, at: Date): Promise<MeetingRecord> {
    const current = await this.meetings.findById(id);
    if (!current) throw new Error(`meeting ${id} not found`);
    if (current.reportDueAt?.getTime() !== dueAt.getTime()) return current;
    try {
      return await this.reportStep(id, 'EXPIRE', null, at);
    } catch (error) {
      if (!(error instanceof InvalidMeetingTransition)) throw error;
      const after = await this.meetings.findById(id);
      if (!after) throw new Error(`meeting ${id} not found`, { cause: error });
      return after;
    }
  }

  exists(id: string): Promise<boolean> {
    return this.meetings.exists(id);
  }

  findById(id: string): Promise<MeetingRecord | null> {
    return this.meetings.findById(id);
  }

  /** Authorisation in the query: `agency` null sees every agency's meetings. */
  findVisible(id: string, agency: string | null): Promise<MeetingRecord | null> {
    return this.meetings.findVisible(id, agency);
  }

  list(agency: string | null, limit: number, after?: { createdAt: Date; id: string }, caseId?: string): Promise<MeetingRecord[]> {
    return this.meetings.list(agency, limit, after, caseId);
  }

  /** Whether the agency may read the case (own, or shared by a live grant), and whether it exists at all. */
  async caseAccess(caseId: string, agency: string): Promise<{ readable: boolean; exists: boolean }> {
    if (await this.meetings.caseReadableBy(caseId, agency)) return { readable: true, exists: true };
    return { readable: false, exists: await this.meetings.caseExists(caseId) };
  }

  agencyCodes(): Promise<string[]> {
    return this.meetings.agencyCodes();
  }

  /** Meetings scheduled within [from, to], both ends included, in time order (M4). */
  scheduledBetween(from: Date, to: Date, limit: number): Promise<MeetingRecord[]> {
    return this.meetings.scheduledBetween(from, to, limit);
  }

  /** Known agency codes of a country (counterpart agencies are data, not constants). */
  agenciesOf(country: string): Promise<string[]> {
    return this.meetings.agenciesOf(country);
  }
}
