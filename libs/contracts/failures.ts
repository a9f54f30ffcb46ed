/**
 * Failure types (ApplicationFailure.type) raised by workflows and activities, one table per context, that the API maps
 * onto HTTP answers (apps/api/src/common/failure-problems.ts). The strings are written into recorded workflow
 * histories: never change one, only add.
 */
export const CaseFailure = {
  Closed: 'CASE_CLOSED',
  CloseBlocked: 'CLOSE_BLOCKED',
  /** The case's row is missing (an activity looked it up). */
  NotFound: 'CASE_NOT_FOUND',
  InvalidData: 'INVALID_DATA',
} as const;

export const HitFailure = { AlreadyResolved: 'HIT_ALREADY_RESOLVED', NotResolved: 'HIT_NOT_RESOLVED' } as const;
export const ReferralFailure = { InvalidTransition: 'INVALID_REFERRAL_TRANSITION' } as const;
export const TraceFailure = { InvalidTransition: 'INVALID_TRACE_TRANSITION' } as const;
export const MeetingFailure = { InvalidTransition: 'INVALID_MEETING_TRANSITION' } as const;
export const ActionItemFailure = { InvalidTransition: 'INVALID_ACTION_ITEM_TRANSITION' } as const;

/**
 * Raised by the API's Temporal client, never by a workflow (so in no history): the record's workflow is not running,
 * either not started yet (it starts just after its record commits) or finished.
 */
export const WorkflowFailure = { NotFound: 'WORKFLOW_NOT_FOUND' } as const;

type ValuesOf<T> = T[keyof T];
export type CaseFailure = ValuesOf<typeof CaseFailure>;
export type HitFailure = ValuesOf<typeof HitFailure>;
export type ReferralFailure = ValuesOf<typeof ReferralFailure>;
export type TraceFailure = ValuesOf<typeof TraceFailure>;
export type MeetingFailure = ValuesOf<typeof MeetingFailure>;
export type ActionItemFailure = ValuesOf<typeof ActionItemFailure>;
export type WorkflowFailure = ValuesOf<typeof WorkflowFailure>;
export type FailureType =
  CaseFailure | HitFailure | ReferralFailure | TraceFailure | MeetingFailure | ActionItemFailure | WorkflowFailure;

const FAILURE_TYPES: ReadonlySet<string> = new Set<string>([
  ...Object.values(CaseFailure), ...Object.values(HitFailure), ...Object.values(ReferralFailure), ...Object.values(TraceFailure),
  ...Object.values(MeetingFailure), ...Object.values(ActionItemFailure), ...Object.values(WorkflowFailure),
]);

/** Whether a failure's type is one of ours (anything else is a fault, not a business refusal). */
export const isFailureType = (type: string): type is FailureType => FAILURE_TYPES.has(type);
