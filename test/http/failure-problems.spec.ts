import {
  ActionItemFailure, CaseFailure, HitFailure, MeetingFailure, ReferralFailure, TraceFailure, WorkflowFailure,
} from '../../libs/contracts/failures';
import { ApiError } from '../../apps/api/src/common/api-error';
import { failureProblem, RefusalWording } from '../../apps/api/src/common/failure-problems';
import { M } from '../../apps/api/src/common/messages';

class Rejection extends Error {
  constructor(readonly type: string, readonly details: unknown[] = []) { super(type); }
}

const conflict = new ApiError('Conflict', M.caseClosed, { id: 'r1' });
const starting = new ApiError('Unavailable', M.caseRegistering, { id: 'r1' });
const wording = (finished: boolean, withStarting = true): RefusalWording => ({
  id: 'r1', finished, conflict: () => conflict, ...(withStarting ? { starting: () => starting } : {}),
});

describe('failureProblem', () => {
  it.each([
    CaseFailure.Closed, HitFailure.AlreadyResolved, ReferralFailure.InvalidTransition, TraceFailure.InvalidTransition,
    MeetingFailure.InvalidTransition, ActionItemFailure.InvalidTransition,
  ])('answers %s with the context\'s 409, even while the workflow could be starting', (type) => {
    expect(failureProblem(new Rejection(type), wording(false))).toBe(conflict);
  });

  it('hands the workflow\'s details to the context\'s 409', () => {
    const seen: unknown[][] = [];
    failureProblem(new Rejection(MeetingFailure.InvalidTransition, ['SENT', 'report']), { ...wording(false), conflict: (d) => { seen.push(d); return conflict; } });
    expect(seen).toEqual([['SENT', 'report']]);
  });

  it.each([WorkflowFailure.NotFound, CaseFailure.NotFound])('answers %s with 503 while the workflow may be starting, 409 once finished', (type) => {
    expect(failureProblem(new Rejection(type), wording(false))).toBe(starting);
    expect(failureProblem(new Rejection(type), wording(true))).toBe(conflict);
    expect(failureProblem(new Rejection(type), wording(false, false))).toBe(conflict);
  });

  it('lists a close\'s blockers and refuses an unstorable value', () => {
    const blocked = failureProblem(new Rejection(CaseFailure.CloseBlocked, [['hit h1 is open']]), wording(false)) as ApiError;
    expect([blocked.status, blocked.params, blocked.extra.body]).toEqual([409, { id: 'r1', blockers: 'hit h1 is open' }, { blockers: ['hit h1 is open'] }]);
    expect((failureProblem(new Rejection(CaseFailure.InvalidData), wording(false)) as ApiError).status).toBe(400);
  });

  it('returns a failure type that is not ours as it came (a fault, not a refusal)', () => {
    const unknown = new Rejection('SOMETHING_ELSE');
    expect(failureProblem(unknown, wording(true))).toBe(unknown);
  });
});
