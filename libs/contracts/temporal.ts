/** Failure types raised by workflows and activities that the API maps onto HTTP answers. */
export const FailureType = {
  CaseClosed: 'CASE_CLOSED',
  CloseBlocked: 'CLOSE_BLOCKED',
  CaseNotFound: 'CASE_NOT_FOUND',
  InvalidData: 'INVALID_DATA',
  HitAlreadyResolved: 'HIT_ALREADY_RESOLVED',
  InvalidReferralTransition: 'INVALID_REFERRAL_TRANSITION',
  InvalidTraceTransition: 'INVALID_TRACE_TRANSITION',
  InvalidMeetingTransition: 'INVALID_MEETING_TRANSITION',
  InvalidActionItemTransition: 'INVALID_ACTION_ITEM_TRANSITION',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];
