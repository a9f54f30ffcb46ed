import type {
  AppendRequest, AppendResult, CaseStatus, CloseRequest, CloseResult, EditRequest, EditResult, SubjectDobRequest, SubjectDobResult,
} from './case-items';
import type { HitStart, ReopenHitRequest, ResolveHitRequest } from './hits';
import type {
  ActionItemInput, ActionItemStart, ActionItemStatus, MeetingActor, MeetingWorkflowState, ReviewDecision,
} from './meetings';
import type { ReferralAction, ReferralStart, ReferralStatus, ReferralStepRequest } from './referrals';
import type { TraceAction, TraceStart, TraceStatus, TraceStepRequest } from './seizures';
import type { WatchDeskAlertInput, WatchDeskEvent, WatchDeskTarget } from './watch-desk';

/**
 * The activities as workflows call them: names and arguments are recorded in workflow histories, so they change only
 * with a new name. The factories in activities/ implement these; workflows proxy them without importing the
 * activities (and through them the services and SQL) even as types.
 */
export interface CaseActivities {
  markCaseStatus(caseId: string, status: CaseStatus): Promise<void>;
  appendCaseItems(caseId: string, request: AppendRequest): Promise<AppendResult>;
  closeCase(caseId: string, request: CloseRequest): Promise<CloseResult>;
  editCase(caseId: string, request: EditRequest): Promise<EditResult>;
  /** Sets a person subject's date of birth, and its stored person key's, so matching can run again with it. */
  setSubjectDateOfBirth(caseId: string, request: SubjectDobRequest): Promise<SubjectDobResult>;
  /** A domestic-sale case owned by the tracing agency traces its own firearms (R3 never refers it to its owner). */
  traceOwnCaseFirearms(caseId: string): Promise<TraceStart[]>;
}

export interface IntakeActivities {
  /**
   * Intake's steps as one local activity (issue 20): the case to DECONFLICTION, matching of all its items, the
   * referral rules and its own firearms' traces, each as its own step does it. The case's workflow starts the children.
   */
  intakeCase(caseId: string): Promise<CaseIntake>;
}

/** The workflows intake found to start: only what starting them needs. */
export interface CaseIntake { hits: HitStart[]; referrals: ReferralStart[]; traces: TraceStart[] }

export interface DeconflictionActivities {
  deconflictCaseItems(caseId: string, itemIds: string[] | null): Promise<{ hits: HitStart[] }>;
  escalateHit(hitId: string): Promise<void>;
  resolveHit(hitId: string, request: ResolveHitRequest): Promise<void>;
  reopenHit(hitId: string, request: ReopenHitRequest): Promise<void>;
}

export interface ReferralActivities {
  evaluateReferrals(caseId: string): Promise<{ referrals: ReferralStart[]; traces: TraceStart[] }>;
  transitionReferral(
    referralId: string, action: ReferralAction, actor: ReferralStepRequest['actor'], note?: string,
  ): Promise<{ status: ReferralStatus; traces: TraceStart[] }>;
  escalateReferral(referralId: string): Promise<{ status: ReferralStatus }>;
  markReferralWorkflowStarted(referralId: string): Promise<void>;
}

export interface SeizureActivities {
  deconflictSeizure(seizureId: string): Promise<{ hits: HitStart[] }>;
  transitionTrace(traceId: string, action: TraceAction, request: TraceStepRequest): Promise<{ status: TraceStatus }>;
  markTraceOverdue(traceId: string): Promise<void>;
}

export type MeetingStepState = Omit<MeetingWorkflowState, 'meetingId'>;
export interface MeetingOutcome { heldAt: string; summary: string; actionItems: ActionItemInput[] }

export interface MeetingActivities {
  confirmMeetingRecorded(kind: 'meeting' | 'action-item', id: string, workflowStartedAt: string): Promise<boolean>;
  recordMeetingNotice(meetingId: string, actor: MeetingActor, at: string): Promise<MeetingStepState>;
  markMeetingNoticeMissing(meetingId: string, at: string): Promise<MeetingStepState>;
  recordMeetingOutcome(
    meetingId: string, actor: MeetingActor, at: string, outcome: MeetingOutcome,
  ): Promise<MeetingStepState & { actionItems: ActionItemStart[] }>;
  requestMeetingReport(meetingId: string, actor: MeetingActor, at: string, dueAt: string): Promise<MeetingStepState>;
  submitMeetingReport(meetingId: string, actor: MeetingActor, at: string, body: string): Promise<MeetingStepState>;
  reviewMeetingReport(
    meetingId: string, actor: MeetingActor, at: string, decision: ReviewDecision, comment: string, dueAt: string | null,
  ): Promise<MeetingStepState>;
  markMeetingReportOverdue(meetingId: string, dueAt: string, at: string): Promise<MeetingStepState>;
  cancelMeeting(meetingId: string, actor: MeetingActor, at: string, reason: string): Promise<MeetingStepState>;
  rescheduleMeeting(meetingId: string, actor: MeetingActor, at: string, scheduledAt: string, reason: string): Promise<MeetingStepState>;
  markActionItemOverdue(actionItemId: string, at: string): Promise<{ status: ActionItemStatus }>;
  closeActionItem(actionItemId: string, actor: MeetingActor, at: string, note: string): Promise<{ status: ActionItemStatus }>;
}

export interface WatchDeskActivities {
  watchDeskTargets(hitId: string, event: WatchDeskEvent): Promise<WatchDeskTarget[]>;
  deliverWatchDeskAlert(alert: Pick<WatchDeskAlertInput, 'alertId' | 'hitId' | 'event'>, target: WatchDeskTarget): Promise<void>;
}
