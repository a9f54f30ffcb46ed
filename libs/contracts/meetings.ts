/** Shapes travelling between the API, the meeting and action-item workflows and their activities. */
export const NOTIFICATION_STATUSES = ['ON_TIME', 'LATE', 'MISSING', 'EXEMPT', 'PENDING'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export const REPORT_STATUSES = ['NOT_REQUESTED', 'REQUESTED', 'OVERDUE', 'SUBMITTED', 'ACCEPTED', 'RETURNED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REVIEW_DECISIONS = ['ACCEPT', 'RETURN'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const ACTION_ITEM_STATUSES = ['OPEN', 'OVERDUE', 'CLOSED'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export interface MeetingActor { userId: string; username: string; agency: string }

export interface MeetingWorkflowState {
  meetingId: string;
  notification: NotificationStatus;
  report: ReportStatus;
  /** ISO time the running report clock is due; null when no clock runs. */
  reportDueAt: string | null;
  outcomeRecorded: boolean;
  /** Cancelled before it was held: no clock runs any more (absent from states recorded before issue 18). */
  cancelled?: boolean;
  /** ISO; the time the notification clock runs to, moved by a reschedule (absent before issue 18). */
  scheduledAt?: string;
}

export interface MeetingWorkflowInput {
  meetingId: string;
  /** ISO; the notification clock runs to it (M1: PENDING -> MISSING). */
  scheduledAt: string;
  notificationRequired: boolean;
  /** M3, fixed at creation (deliverables do not change). */
  reportEligible: boolean;
  /** MEETING_REPORT_DUE_AFTER as configured when the meeting was created, fixed in history. */
  reportDueAfterMs: number;
  /** Carried over continue-as-new. */
  state?: Omit<MeetingWorkflowState, 'meetingId'>;
}

/** Action item ids are fixed by the API (from the Idempotency-Key when there is one) so a retry writes each once. */
export interface ActionItemInput { id: string; description: string; owner: string; dueAt: string }

export interface NoticeRequest { actor: MeetingActor }
export interface OutcomeRequest { actor: MeetingActor; heldAt: string; summary: string; actionItems: ActionItemInput[] }
export interface ReportRequestRequest { actor: MeetingActor; dueAt?: string }
export interface SubmitReportRequest { actor: MeetingActor; body: string }
export interface CancelMeetingRequest { actor: MeetingActor; reason: string }
/** `scheduledAt` ISO, in the future when the API sent it. */
export interface RescheduleMeetingRequest { actor: MeetingActor; scheduledAt: string; reason: string }
export interface ReviewReportRequest { actor: MeetingActor; decision: ReviewDecision; comment: string; dueAt?: string }

export interface ActionItemStart { actionItemId: string; workflowId: string; dueAt: string }

export interface ActionItemWorkflowInput { actionItemId: string; dueAt: string; status?: ActionItemStatus }
export interface CloseActionItemRequest { actor: MeetingActor; note: string }
export interface ActionItemWorkflowState { actionItemId: string; status: ActionItemStatus }
