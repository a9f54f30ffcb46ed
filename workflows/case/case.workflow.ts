import {
  allHandlersFinished, ApplicationFailure, condition, continueAsNew, proxyActivities, proxyLocalActivities, setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createCaseActivities } from '../../activities/cases/case.activities';
import type {
  AppendRequest, CaseStatus, CaseWorkflowInput, CaseWorkflowState, CloseRequest,
} from '../../libs/contracts/case-items';
import { FailureType } from '../../libs/contracts/temporal';
import { appendToCaseUpdate, caseStateQuery, closeCaseUpdate } from './messages';

const activities = proxyActivities<ReturnType<typeof createCaseActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * Intake steps are short single-transaction writes: as local activities they run in the worker without a round trip
 * through the server per step, which is what keeps intake near the raw workflow-start rate.
 */
const intake = proxyLocalActivities<ReturnType<typeof createCaseActivities>>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * Owns a case's lifecycle: INTAKE -> DECONFLICTION -> ACTIVE -> CLOSED. PostgreSQL is the read model; every change
 * of it goes through an activity started here, so appends and closing are ordered by this workflow.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseWorkflowState> {
  const { caseId } = input;
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
    if (status === 'CLOSED') throw ApplicationFailure.nonRetryable('the case is closed', FailureType.CaseClosed);
  };

  setHandler(caseStateQuery, () => ({ caseId, status, appendsApplied }));

  setHandler(
    appendToCaseUpdate,
    (request: AppendRequest) =>
      serialized(async () => {
        await condition(() => status === 'ACTIVE' || status === 'CLOSED');
        rejectIfClosed();
        const result = await activities.appendCaseItems(caseId, request);
        await activities.deconflictCaseItems(caseId, result.itemIds);
        appendsApplied += 1;
        return result;
      }),
    { validator: (_request: AppendRequest) => rejectIfClosed() },
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

  if (status === 'INTAKE') {
    await intake.markCaseStatus(caseId, 'DECONFLICTION');
    status = 'DECONFLICTION';
  }
  if (status === 'DECONFLICTION') {
    await intake.deconflictCaseItems(caseId, null);
    await intake.markCaseStatus(caseId, 'ACTIVE');
    status = 'ACTIVE';
  }

  await condition(() => status === 'CLOSED' || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  if (status !== 'CLOSED') {
    await continueAsNew<typeof caseWorkflow>({ caseId, status });
  }
  return { caseId, status, appendsApplied };
}
