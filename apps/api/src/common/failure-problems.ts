import {
  ActionItemFailure, CaseFailure, HitFailure, isFailureType, MeetingFailure, ReferralFailure, TraceFailure, WorkflowFailure,
} from '../../../../libs/contracts/failures';
import { ApiError } from './api-error';
import { M } from './messages';

/** A workflow's refusal as the Temporal client surfaced it (infra/temporal.service.ts's WorkflowRejection). */
export interface Refusal { readonly type: string; readonly details: unknown[] }

/**
 * How one context words its answers, given its record as read after the refusal (the workflow had the last word).
 * The table below decides which answer a failure gets; the context only says what it looks like.
 */
export interface RefusalWording {
  /** The record's id, named by the table's own answers. */
  readonly id: string;
  /** 409: the record's state refuses the step. `details` are the workflow's (empty when its workflow is gone). */
  conflict(details: unknown[]): ApiError;
  /** Whether the record's state shows its workflow has finished, so a missing workflow is a refusal, not a start under way. */
  readonly finished: boolean;
  /** 503 with Retry-After: the workflow starts just after its record commits. Absent: a missing workflow is always a 409. */
  starting?(): ApiError;
}

/** The one mapping from a workflow failure to an HTTP problem; a type that is not ours is a fault, returned as it came. */
export function failureProblem(refusal: Error & Refusal, wording: RefusalWording): Error {
  if (!isFailureType(refusal.type)) return refusal;
  const type = refusal.type;
  switch (type) {
    case CaseFailure.Closed:
    case HitFailure.AlreadyResolved:
    case HitFailure.NotResolved:
    case ReferralFailure.InvalidTransition:
    case TraceFailure.InvalidTransition:
    case MeetingFailure.InvalidTransition:
    case ActionItemFailure.InvalidTransition:
      return wording.conflict(refusal.details);
    case CaseFailure.CloseBlocked: {
      const blockers = (refusal.details[0] as string[] | undefined) ?? [];
      return new ApiError('Conflict', M.closeBlocked, { id: wording.id, blockers: blockers.join('; ') }, { body: { blockers } });
    }
    case CaseFailure.InvalidData:
      return new ApiError('ValidationFailed', M.unstorableValue);
    case CaseFailure.NotFound:
    case WorkflowFailure.NotFound:
      return wording.finished || !wording.starting ? wording.conflict([]) : wording.starting();
    default:
      return unreachable(type);
  }
}

/** Compile-time exhaustiveness: a failure type added to libs/contracts/failures.ts without an answer here fails tsc. */
function unreachable(type: never): never {
  throw new Error(`no HTTP answer for failure type ${String(type)}`);
}
