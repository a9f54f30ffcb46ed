import { ApplicationFailure } from '@temporalio/common';
import type {
  CaseActivities, DeconflictionActivities, IntakeActivities, MeetingActivities, ReferralActivities, SeizureActivities,
} from '../../../libs/contracts/activities';
import type { CaseStatus } from '../../../libs/contracts/case-items';
import type { HitStatus } from '../../../libs/contracts/hits';
import type { ReferralStatus } from '../../../libs/referrals/referral-rules';
import { nextReferralStatus } from '../../../libs/referrals/referral-rules';
import type { TraceStatus } from '../../../libs/seizures/trace-rules';
import { nextTraceStatus } from '../../../libs/seizures/trace-rules';
import { createIntakeActivities } from '../../../activities/cases/intake.activities';
import { meetingStubs, MeetingModel } from './meeting-stubs';
import { ActivityRecorder } from './recorder';

/**
 * Every activity the worker registers (apps/worker/src/main.ts), typed by the contracts the real factories implement: a renamed activity or a
 * changed return shape breaks these stubs at compile time, not silently at run time. One worker runs a workflow and
 * the children it starts (hits, referrals, traces, action items), so each spec's worker registers all of them.
 */
export type StubActivities = CaseActivities & IntakeActivities & DeconflictionActivities & ReferralActivities & SeizureActivities
  & MeetingActivities;

/**
 * What the real activities keep in PostgreSQL, kept in memory: the stubs answer from it with the same rules the
 * services apply (libs/<context>/*-rules.ts), so a workflow sees the answers it would see in production.
 */
export class FakeReadModel {
  readonly cases = new Map<string, CaseStatus>();
  readonly hits = new Map<string, HitStatus>();
  readonly referrals = new Map<string, ReferralStatus>();
  readonly traces = new Map<string, TraceStatus>();
  readonly meetings = new MeetingModel();
}

const refused = (message: string, type: string, current: string): never => {
  throw ApplicationFailure.create({ message, type, nonRetryable: true, details: [current] });
};

/** Stubs over a fresh read model, each call recorded; `overrides` replace single activities for one spec. */
export function stubActivities(overrides: Partial<StubActivities> = {}) {
  const model = new FakeReadModel();
  const recorder = new ActivityRecorder();
  const defaults: StubActivities = {
    markCaseStatus: async (caseId, status) => { model.cases.set(caseId, status); },
    appendCaseItems: async (caseId, request) => {
      const itemIds = request.append.items.map((item) => item.id);
      return { caseId, kind: request.append.kind, added: itemIds.length, itemIds };
    },
    closeCase: async (caseId, request) => {
      model.cases.set(caseId, 'CLOSED');
      return { caseId, status: 'CLOSED', outcome: request.outcome, result: request.result ?? null, closedAt: new Date().toISOString() };
    },
    editCase: async (caseId, request) => ({ caseId, changed: Object.keys(request.edit) }),
    setSubjectDateOfBirth: async (caseId, request) => ({ caseId, subjectId: request.subjectId, dateOfBirth: request.dateOfBirth, changed: true }),
    traceOwnCaseFirearms: async () => [],
    // Composed as the worker composes it (activities/cases/intake.activities.ts): the steps' stubs, each recorded.
    intakeCase: (caseId) => createIntakeActivities(activities).intakeCase(caseId),
    deconflictCaseItems: async () => ({ hits: [] }),
    escalateHit: async (hitId) => {
      if (model.hits.get(hitId) !== 'RESOLVED') model.hits.set(hitId, 'ESCALATED');
    },
    resolveHit: async (hitId) => { model.hits.set(hitId, 'RESOLVED'); },
    reopenHit: async (hitId) => { model.hits.set(hitId, 'OPEN'); },
    evaluateReferrals: async () => ({ referrals: [], traces: [] }),
    transitionReferral: async (referralId, action) => {
      const current = model.referrals.get(referralId) ?? 'SENT';
      const next = nextReferralStatus(current, action)
        ?? refused(`cannot ${action.toLowerCase()} a referral that is ${current}`, 'INVALID_REFERRAL_TRANSITION', current);
      model.referrals.set(referralId, next);
      return { status: next, traces: [] };
    },
    markReferralWorkflowStarted: async () => undefined,
    escalateReferral: async (referralId) => {
      const current = model.referrals.get(referralId) ?? 'SENT';
      const next = nextReferralStatus(current, 'ESCALATE') ?? current;
      model.referrals.set(referralId, next);
      return { status: next };
    },
    deconflictSeizure: async () => ({ hits: [] }),
    transitionTrace: async (traceId, action) => {
      const current = model.traces.get(traceId) ?? 'SUBMITTED';
      const next = nextTraceStatus(current, action)
        ?? refused(`cannot ${action.toLowerCase()} a trace that is ${current}`, 'INVALID_TRACE_TRANSITION', current);
      model.traces.set(traceId, next);
      return { status: next };
    },
    markTraceOverdue: async () => undefined,
    ...meetingStubs(model.meetings),
  };
  const activities = recorder.wrap<StubActivities>({ ...defaults, ...overrides });
  return { activities, recorder, model };
}
