import {
  allHandlersFinished, ApplicationFailure, condition, continueAsNew, proxyActivities, patched, proxyLocalActivities,
  setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities, DeconflictionActivities, IntakeActivities, ReferralActivities } from '../../libs/contracts/activities';
import type {
  AppendRequest, CaseStatus, CaseWorkflowInput, CaseWorkflowState, CloseRequest, EditRequest, SubjectDobRequest,
} from '../../libs/contracts/case-items';
import { CaseFailure } from '../../libs/contracts/failures';
import type { ReferralStart } from '../../libs/contracts/referrals';
import { startChildOnce, startChildrenTogether, startHitWorkflows, startTraceWorkflows } from '../shared/children';
import {
  appendToCaseUpdate, caseStateQuery, closeCaseUpdate, editCaseUpdate, setSubjectDobUpdate,
} from '../../libs/contracts/messages/case';

type Activities = CaseActivities & IntakeActivities & DeconflictionActivities & ReferralActivities;

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * Intake and append steps are short single-transaction writes: as local activities they run in the worker without a
 * round trip through the server per step (an append through regular activities took about 200 ms at p50 with nothing
 * else running, most of it those round trips; `npm run bench:load`).
 */
const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** Referrals, like hits, outlive the case's runs; a referral already running is recognised and skipped. */
async function startReferralWorkflows(referrals: ReferralStart[]): Promise<void> {
  for (const referral of referrals) {
    await startChildOnce('referralWorkflow', referral.workflowId, { referralId: referral.referralId, ackDueAfterMs: referral.ackDueAfterMs });
  }
}

/** Histories recorded before appends ran as local activities replay with the regular ones. */
const LOCAL_APPENDS_PATCH = 'local-activity-appends';
/** Histories recorded before referrals existed replay without this step. */
const REFERRALS_PATCH = 'referral-rules';
/** Histories recorded before R3 traced a case's firearms replay without starting those traces. */
const CASE_TRACES_PATCH = 'case-firearm-traces';

/** Histories recorded before a domestic-sale case of the tracing agency traced its own firearms replay without it. */
const SELF_TRACES_PATCH = 'case-self-traces';

/**
 * Issue 20: a run that records this one marker takes every patch above without recording theirs (each patched() call
 * records a marker and upserts TemporalChangeVersion: three of each per intake before), runs intake as one local
 * activity and starts each step's children together. Histories recorded before replay exactly as they were recorded.
 */
const ONE_PATCH = 'case-one-patch';

type Steps = typeof activities;
/** Whether the run takes a patch: always on a run that recorded ONE_PATCH, else as patched() answers. */
type Uses = (patch: string) => boolean;

/**
 * R1-R4 as the case stands now; under R3 each firearm of the case also gets a trace request. `selfTrace`: the step
 * may have made the case one its owner traces itself (intake, new firearms, new flags).
 */
async function evaluateReferrals(steps: Steps, caseId: string, selfTrace: boolean, uses: Uses, together: boolean): Promise<void> {
  const evaluated = await steps.evaluateReferrals(caseId);
  if (together) {
    const ownTraces = selfTrace ? await steps.traceOwnCaseFirearms(caseId) : [];
    await startChildrenTogether({ referrals: evaluated.referrals, traces: [...evaluated.traces, ...ownTraces] });
    return;
  }
  await startReferralWorkflows(evaluated.referrals);
  if (uses(CASE_TRACES_PATCH)) await startTraceWorkflows(evaluated.traces);
  if (selfTrace && uses(SELF_TRACES_PATCH)) await startTraceWorkflows(await steps.traceOwnCaseFirearms(caseId));
}

/**
 * Owns a case's lifecycle: INTAKE -> DECONFLICTION -> ACTIVE -> CLOSED. PostgreSQL is the read model; every change
 * of it goes through an activity started here, so appends and closing are ordered by this workflow.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseWorkflowState> {
  const { caseId } = input;
  // Decided once, in the run's first activation: a replayed history without the marker keeps to the old steps.
  const current = patched(ONE_PATCH);
  const uses: Uses = (patch) => current || patched(patch);
  const startHits = (hits: Awaited<ReturnType<Steps['deconflictCaseItems']>> | undefined): Promise<void> =>
    (current ? startChildrenTogether({ hits: hits?.hits }) : startHitWorkflows(hits?.hits));
  let status: CaseStatus = input.status ?? 'INTAKE';
  let appendsApplied = 0;
  // Appends and close run one at a time so a close never races an append that is still being deconflicted.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const rejectIfClosed = (): void => {
    if (status === 'CLOSED') throw ApplicationFailure.nonRetryable('the case is closed', CaseFailure.Closed);
  };

  setHandler(caseStateQuery, () => ({ caseId, status, appendsApplied }));

  setHandler(
    appendToCaseUpdate,
    (request: AppendRequest) =>
      serialized(async () => {
        await condition(() => status === 'ACTIVE' || status === 'CLOSED');
        rejectIfClosed();
        const steps = uses(LOCAL_APPENDS_PATCH) ? local : activities;
        const result = await steps.appendCaseItems(caseId, request);
        await startHits(await steps.deconflictCaseItems(caseId, result.itemIds));
        // A new DTO organization is a new fact for R2, a new firearm of an R3 case needs its trace; other appends do
        // not change what the rules read.
        const kind = request.append.kind;
        const changesFacts = kind === 'subjects' || (kind === 'firearms' && uses(CASE_TRACES_PATCH));
        if (changesFacts && uses(REFERRALS_PATCH)) await evaluateReferrals(steps, caseId, kind === 'firearms', uses, current);
        appendsApplied += 1;
        return result;
      }),
    { validator: (_request: AppendRequest) => rejectIfClosed() },
  );

  // A new update: histories recorded before it have no editCase, so it needs no patch of its own.
  setHandler(
    editCaseUpdate,
    (request: EditRequest) =>
      serialized(async () => {
        await condition(() => status === 'ACTIVE' || status === 'CLOSED');
        rejectIfClosed();
        const result = await local.editCase(caseId, request);
        // The rules run whenever flags were sent, not only when this attempt changed them: a retried step whose first
        // attempt committed finds nothing to change, yet the rules must still run. They raise each referral once.
        if (request.edit.flags !== undefined) await evaluateReferrals(local, caseId, true, uses, current);
        return result;
      }),
    { validator: (_request: EditRequest) => rejectIfClosed() },
  );

  // A new update (issue 16), like editCase: histories recorded before it never carry it, so it needs no patch. Matching
  // runs again for the subject whether or not this attempt changed the date: a retried step whose first attempt
  // committed finds nothing to change, yet the matching must still run (hits and review items have fixed ids).
  setHandler(
    setSubjectDobUpdate,
    (request: SubjectDobRequest) =>
      serialized(async () => {
        await condition(() => status === 'ACTIVE' || status === 'CLOSED');
        rejectIfClosed();
        const result = await local.setSubjectDateOfBirth(caseId, request);
        await startHits(await local.deconflictCaseItems(caseId, [request.subjectId]));
        return result;
      }),
    { validator: (_request: SubjectDobRequest) => rejectIfClosed() },
  );

  setHandler(
    closeCaseUpdate,
    (request: CloseRequest) =>
      serialized(async () => {
        await condition(() => status === 'ACTIVE' || status === 'CLOSED');
        rejectIfClosed();
        const result = await activities.closeCase(caseId, request);
        status = 'CLOSED';
        return result;
      }),
    { validator: (_request: CloseRequest) => rejectIfClosed() },
  );

  if (current && (status === 'INTAKE' || status === 'DECONFLICTION')) {
    status = 'DECONFLICTION';
    await startChildrenTogether(await local.intakeCase(caseId));
    await local.markCaseStatus(caseId, 'ACTIVE');
    status = 'ACTIVE';
  }
  if (status === 'INTAKE') {
    await local.markCaseStatus(caseId, 'DECONFLICTION');
    status = 'DECONFLICTION';
  }
  if (status === 'DECONFLICTION') {
    const deconfliction = await local.deconflictCaseItems(caseId, null);
    await startHitWorkflows(deconfliction?.hits);
    if (patched(REFERRALS_PATCH)) await evaluateReferrals(local, caseId, true, uses, false);
    await local.markCaseStatus(caseId, 'ACTIVE');
    status = 'ACTIVE';
  }

  await condition(() => status === 'CLOSED' || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  if (status !== 'CLOSED') {
    await continueAsNew<typeof caseWorkflow>({ caseId, status });
  }
  return { caseId, status, appendsApplied };
}
