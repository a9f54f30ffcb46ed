import type { ActionItemRecord } from './action-item.repository';
import type { ComplianceRow } from './compliance-csv';
import type { MeetingRecord } from './meeting.repository';
import { CANCELLED, ComplianceNotification, ComplianceReport, meetingStatus } from './meeting-rules';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** GET /action-items, and what action item notifications carry. */
export function actionItemView(a: ActionItemRecord) {
  return {
    id: a.id, meetingId: a.meetingId, source: a.source, conference: a.conference, owner: a.owner, description: a.description,
    dueAt: a.dueAt.toISOString(), status: a.status, closedNote: a.closedNote, closedBy: a.closedBy,
    closedAt: a.closedAt?.toISOString() ?? null, owningAgency: a.owningAgency, workflowId: a.workflowId,
    createdAt: a.createdAt.toISOString(),
  };
}

/** What POST /meetings answers and what notifications carry. */
export function meetingSummaryView(m: MeetingRecord) {
  return {
    id: m.id, title: m.title, owningAgency: m.owningAgency, level: m.level, counterpartCountry: m.counterpartCountry,
    scheduledAt: m.scheduledAt.toISOString(), notificationRequired: m.notificationRequired,
    notificationDueAt: iso(m.notificationDueAt), notification: m.notification, report: m.report, reportDueAt: iso(m.reportDueAt),
    workflowId: m.workflowId, caseId: m.caseId,
    status: meetingStatus({ cancelled: m.cancellation !== null, outcomeRecorded: m.outcomeAt !== null }),
  };
}

/** GET /meetings/:id and the answer of every step. */
export function meetingView(m: MeetingRecord, actionItems: ActionItemRecord[]) {
  return {
    ...meetingSummaryView(m),
    organizer: m.organizerUsername,
    counterpartAgencies: m.counterpartAgencies,
    location: m.location,
    deliverables: m.deliverables,
    noticeAt: iso(m.noticeAt),
    noticeBy: m.noticeBy,
    outcome: m.outcomeAt
      ? { heldAt: iso(m.heldAt), summary: m.outcomeSummary, recordedBy: m.outcomeBy, recordedAt: iso(m.outcomeAt) }
      : null,
    actionItems: actionItems.map(actionItemView),
    reportBody: m.reportBody,
    reportHistory: m.reportHistory,
    attendees: m.attendees,
    cancellation: m.cancellation ? { at: m.cancellation.at.toISOString(), by: m.cancellation.by, reason: m.cancellation.reason } : null,
    scheduleHistory: m.scheduleHistory,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** One line of the leadership compliance report (M4). */
export function complianceItemView(m: MeetingRecord): ComplianceRow & { notification: ComplianceNotification; report: ComplianceReport } {
  const cancelled = m.cancellation !== null;
  return {
    id: m.id, title: m.title, level: m.level, counterpartCountry: m.counterpartCountry, scheduledAt: m.scheduledAt.toISOString(),
    notification: cancelled ? CANCELLED : m.notification, report: cancelled ? CANCELLED : m.report,
  };
}
