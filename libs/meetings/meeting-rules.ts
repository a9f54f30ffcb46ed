/** Meeting-documentation rules M1-M4 of seed 004 (and conference follow-ups of seed 002), as pure functions. */
import {
  NOTIFICATION_STATUSES, REPORT_STATUSES, type ActionItemStatus, type NotificationStatus, type ReportStatus,
} from '../contracts/meetings';

export const COUNTERPART_COUNTRIES = ['MX', 'CA'] as const;
export type CounterpartCountry = (typeof COUNTERPART_COUNTRIES)[number];

export const MEETING_LEVELS = ['EXECUTIVE', 'WORKING'] as const;
export type MeetingLevel = (typeof MEETING_LEVELS)[number];

/** The six deliverables of the trilateral goal (M3). */
export const DELIVERABLES = [
  'TRANSNATIONAL_CRIME', 'SMUGGLING_AND_TRAFFICKING', 'COUNTER_TERRORISM', 'LAW_ENFORCEMENT_COOPERATION',
  'HIGH_RISK_REMOVALS', 'REPATRIATION',
] as const;
export type Deliverable = (typeof DELIVERABLES)[number];

// The statuses travel in workflow state and start records, so the base layer defines them.
export {
  ACTION_ITEM_STATUSES, NOTIFICATION_STATUSES, REPORT_STATUSES, REVIEW_DECISIONS,
  type ActionItemStatus, type NotificationStatus, type ReportStatus, type ReviewDecision,
} from '../contracts/meetings';
export type ReportAction = 'REQUEST' | 'EXPIRE' | 'SUBMIT' | 'ACCEPT' | 'RETURN';
export type ActionItemAction = 'EXPIRE' | 'CLOSE';
export const ACTION_ITEM_SOURCES = ['MEETING', 'CONFERENCE'] as const;
export type ActionItemSource = (typeof ACTION_ITEM_SOURCES)[number];

export interface NotificationRequirement {
  required: boolean;
  /** When the meeting-coordination team must have been told; null when no notice is required. */
  dueAt: Date | null;
  /** The state the meeting starts in: PENDING while a notice is owed, EXEMPT otherwise. */
  initial: Extract<NotificationStatus, 'PENDING' | 'EXEMPT'>;
}

/**
 * M1: an executive-level meeting with Mexican or Canadian counterparts needs a notice `leadTimeMs` before it.
 * M2: routine working-level contact needs none; it may still be recorded, and is then EXEMPT.
 */
export function notificationRequirement(
  meeting: { level: MeetingLevel; counterpartCountry: string; scheduledAt: Date }, leadTimeMs: number,
): NotificationRequirement {
  const required = meeting.level === 'EXECUTIVE' && (COUNTERPART_COUNTRIES as readonly string[]).includes(meeting.counterpartCountry);
  if (!required) return { required: false, dueAt: null, initial: 'EXEMPT' };
  return { required: true, dueAt: new Date(meeting.scheduledAt.getTime() - leadTimeMs), initial: 'PENDING' };
}

/** On time if the notice came at or before its due time, late after it. */
export function noticeTimeliness(dueAt: Date, noticeAt: Date): Extract<NotificationStatus, 'ON_TIME' | 'LATE'> {
  return noticeAt.getTime() <= dueAt.getTime() ? 'ON_TIME' : 'LATE';
}

/**
 * The notification clock. A notice is taken while one is owed (PENDING) or after the meeting passed without one
 * (MISSING, which always makes it LATE); an exempt or already notified meeting refuses it. The meeting time passing
 * turns only a PENDING meeting MISSING.
 */
export function nextNotificationStatus(
  current: NotificationStatus, action: 'NOTICE' | 'MISS', timing?: { dueAt: Date; noticeAt: Date },
): NotificationStatus | null {
  if (action === 'MISS') return current === 'PENDING' ? 'MISSING' : null;
  if (current === 'MISSING') return 'LATE';
  if (current !== 'PENDING' || !timing) return null;
  return noticeTimeliness(timing.dueAt, timing.noticeAt);
}

/** M3: only a meeting that touches at least one trilateral deliverable may get a follow-up report request. */
export function reportEligible(deliverables: readonly string[]): boolean {
  return deliverables.some((d) => (DELIVERABLES as readonly string[]).includes(d));
}

/**
 * The report obligation: NOT_REQUESTED -> REQUESTED -> (OVERDUE on its timer) -> SUBMITTED -> ACCEPTED | RETURNED.
 * A RETURNED report has a new due date, may be resubmitted and may fall OVERDUE again. Anything else is refused
 * (409 with the current state).
 */
export function nextReportStatus(current: ReportStatus, action: ReportAction): ReportStatus | null {
  switch (action) {
    case 'REQUEST': return current === 'NOT_REQUESTED' ? 'REQUESTED' : null;
    case 'EXPIRE': return current === 'REQUESTED' || current === 'RETURNED' ? 'OVERDUE' : null;
    case 'SUBMIT': return current === 'REQUESTED' || current === 'OVERDUE' || current === 'RETURNED' ? 'SUBMITTED' : null;
    case 'ACCEPT': return current === 'SUBMITTED' ? 'ACCEPTED' : null;
    case 'RETURN': return current === 'SUBMITTED' ? 'RETURNED' : null;
  }
}

/** Report states whose due date is running (the report clock is armed). */
export const REPORT_CLOCK_STATES: readonly ReportStatus[] = ['REQUESTED', 'RETURNED'];

/** Action items (conference follow-ups are tracked like report obligations): OPEN -> OVERDUE -> CLOSED with a note. */
export function nextActionItemStatus(current: ActionItemStatus, action: ActionItemAction): ActionItemStatus | null {
  switch (action) {
    case 'EXPIRE': return current === 'OPEN' ? 'OVERDUE' : null;
    case 'CLOSE': return current === 'OPEN' || current === 'OVERDUE' ? 'CLOSED' : null;
  }
}

/**
 * A cancelled meeting owes neither a notice nor a report: the compliance report shows it as CANCELLED in both columns
 * (never MISSING or OVERDUE), so each group of totals still adds up to the number of meetings listed.
 */
export const CANCELLED = 'CANCELLED';
export type ComplianceNotification = NotificationStatus | typeof CANCELLED;
export type ComplianceReport = ReportStatus | typeof CANCELLED;

export interface ComplianceTotals {
  notification: Record<ComplianceNotification, number>;
  report: Record<ComplianceReport, number>;
}

/** M4: how many meetings are in each notification and report state; every state is present, zeros included. */
export function complianceTotals(rows: readonly { notification: ComplianceNotification; report: ComplianceReport }[]): ComplianceTotals {
  const zeros = <S extends string>(states: readonly S[]) => Object.fromEntries(states.map((s) => [s, 0])) as Record<S, number>;
  const notification = zeros<ComplianceNotification>([...NOTIFICATION_STATUSES, CANCELLED]);
  const report = zeros<ComplianceReport>([...REPORT_STATUSES, CANCELLED]);
  for (const row of rows) {
    notification[row.notification] += 1;
    report[row.report] += 1;
  }
  return { notification, report };
}

/** A step on a meeting: the notice, the outcome, one step of the report obligation, or a change of the meeting itself. */
export type MeetingStep = 'notice' | 'outcome' | ReportAction | MeetingChange;
export type MeetingChange = 'cancel' | 'reschedule';
export type MeetingAspect = 'notification' | 'report' | 'outcome' | 'meeting';
/** Where a meeting stands as a whole (the console and GET /meetings/:id show it). */
export type MeetingStatus = 'SCHEDULED' | 'HELD' | 'CANCELLED';

/** What the rules need to know of a meeting to judge a step. */
export interface MeetingStepState {
  notification: NotificationStatus;
  report: ReportStatus;
  outcomeRecorded: boolean;
  /** M3: the meeting touches at least one trilateral deliverable. */
  reportEligible: boolean;
  cancelled: boolean;
}

export function meetingStatus(state: { cancelled: boolean; outcomeRecorded: boolean }): MeetingStatus {
  if (state.cancelled) return 'CANCELLED';
  return state.outcomeRecorded ? 'HELD' : 'SCHEDULED';
}

/** A refused step: the aspect it touched and that aspect's state (the 409 carries it), in words and as a reason code. */
export interface StepRefusal { aspect: MeetingAspect; current: string; message: string; reason?: 'NO_DELIVERABLE' }

/**
 * A meeting can be cancelled or rescheduled only before it is held; a cancelled meeting takes no step at all (its
 * clocks are stopped and nothing is owed for it any more).
 */
function meetingRefusal(step: MeetingStep, state: MeetingStepState): StepRefusal | null {
  if (state.cancelled) return { aspect: 'meeting', current: 'CANCELLED', message: 'the meeting is cancelled' };
  if ((step === 'cancel' || step === 'reschedule') && state.outcomeRecorded) {
    return { aspect: 'meeting', current: 'HELD', message: `cannot ${step} a meeting that was held` };
  }
  return null;
}

/**
 * The one place that decides whether a step may be taken in a state. The meeting workflow's update validators, the
 * API's check on the read model and the meeting service's transaction all ask it, so the three never disagree.
 */
export function meetingStepRefusal(step: MeetingStep, state: MeetingStepState): StepRefusal | null {
  const asMeeting = meetingRefusal(step, state);
  if (asMeeting || step === 'cancel' || step === 'reschedule') return asMeeting;
  if (step === 'notice') {
    // Whether a notice is taken does not depend on its timing, only whether it comes on time.
    const probe = { dueAt: new Date(0), noticeAt: new Date(0) };
    if (nextNotificationStatus(state.notification, 'NOTICE', probe) !== null) return null;
    return {
      aspect: 'notification', current: state.notification,
      message: `cannot record a notice for a meeting whose notification is ${state.notification}`,
    };
  }
  if (step === 'outcome') {
    return state.outcomeRecorded
      ? { aspect: 'outcome', current: 'RECORDED', message: 'the outcome of this meeting is already recorded' }
      : null;
  }
  if (step === 'REQUEST' && !state.reportEligible) {
    return {
      aspect: 'report', current: state.report, message: 'the meeting touches no trilateral deliverable (M3)', reason: 'NO_DELIVERABLE',
    };
  }
  if (nextReportStatus(state.report, step) !== null) return null;
  return { aspect: 'report', current: state.report, message: `cannot ${step.toLowerCase()} a report that is ${state.report}` };
}
