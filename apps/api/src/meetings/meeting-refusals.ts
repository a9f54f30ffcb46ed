import type { MeetingAspect, MeetingStep } from '../../../../libs/meetings/meeting-rules';
import { meetingStepRefusal } from '../../../../libs/meetings/meeting-rules';
import { MeetingRecord, stepStateOf } from '../../../../libs/meetings/meeting.service';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';

const STEP_WORDS: Record<MeetingStep, string> = {
  notice: 'notify', outcome: 'record the outcome', REQUEST: 'request', EXPIRE: 'expire', SUBMIT: 'submit', ACCEPT: 'accept', RETURN: 'return',
  cancel: 'cancelled', reschedule: 'rescheduled',
};
const STEP_WORDS_ES: Partial<Record<MeetingStep, string>> = { cancel: 'cancelada', reschedule: 'reprogramada' };

/** The 409 of a refused meeting step, worded for the aspect it touched, with the state it found. */
export function meetingRefusal(id: string, step: MeetingStep, aspect: MeetingAspect, current: string, reason?: string): ApiError {
  if (aspect === 'meeting') {
    if (current === 'CANCELLED') return new ApiError('Conflict', M.meetingCancelled, { id }, { body: { currentStatus: current } });
    const params = { id, step: STEP_WORDS[step], stepEs: STEP_WORDS_ES[step] ?? STEP_WORDS[step] };
    return new ApiError('Conflict', M.meetingHeld, params, { body: { currentStatus: current } });
  }
  if (aspect === 'notification') {
    const message = current === 'EXEMPT' ? M.meetingNoticeNotRequired : M.meetingAlreadyNotified;
    return new ApiError('Conflict', message, { id, status: current }, { body: { currentStatus: current } });
  }
  if (aspect === 'outcome') return new ApiError('Conflict', M.meetingOutcomeRecorded, { id }, { body: { currentStatus: current } });
  if (reason === 'NO_DELIVERABLE') {
    return new ApiError('Conflict', M.meetingNoDeliverable, { id }, { body: { currentStatus: current, deliverables: [] } });
  }
  return new ApiError('Conflict', M.meetingReportTransition, { id, step: STEP_WORDS[step], status: current }, { body: { currentStatus: current } });
}

/** The 409 the rules (libs/meetings/meeting-rules.ts) give `step` on the meeting as the read model has it, or null. */
export function readModelRefusal(m: MeetingRecord, step: MeetingStep): ApiError | null {
  const refusal = meetingStepRefusal(step, stepStateOf(m));
  return refusal ? meetingRefusal(m.id, step, refusal.aspect, refusal.current, refusal.reason) : null;
}
