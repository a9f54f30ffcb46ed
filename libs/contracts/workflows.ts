import type { CaseWorkflowInput } from './case-items';
import type { HitWorkflowInput } from './hits';
import type { ActionItemWorkflowInput, MeetingWorkflowInput } from './meetings';
import type { ReferralWorkflowInput } from './referrals';
import type { SeizureWorkflowInput, TraceWorkflowInput } from './seizures';
import { type WatchDeskAlertInput, watchDeskAlertWorkflowId } from './watch-desk';

/**
 * Every workflow type by its registered name (the exported function name in workflows/index.ts, recorded in
 * histories: never rename one) and the input it starts with. The API, the worker's relay and the workflows that start
 * children all start through this registry, so a start with the wrong input does not compile.
 */
export interface WorkflowStarts {
  caseWorkflow: CaseWorkflowInput;
  hitWorkflow: HitWorkflowInput;
  referralWorkflow: ReferralWorkflowInput;
  meetingWorkflow: MeetingWorkflowInput;
  actionItemWorkflow: ActionItemWorkflowInput;
  seizureWorkflow: SeizureWorkflowInput;
  traceWorkflow: TraceWorkflowInput;
  watchDeskAlertWorkflow: WatchDeskAlertInput;
}
export type WorkflowType = keyof WorkflowStarts;

export const caseWorkflowId = (caseId: string): string => `case-${caseId}`;
export const hitWorkflowId = (hitId: string): string => `hit-${hitId}`;
export const referralWorkflowId = (referralId: string): string => `referral-${referralId}`;
export const meetingWorkflowId = (meetingId: string): string => `meeting-${meetingId}`;
export const actionItemWorkflowId = (actionItemId: string): string => `action-item-${actionItemId}`;
export const seizureWorkflowId = (seizureId: string): string => `seizure-${seizureId}`;
/** A later pass over a seizure's firearms (SeizureWorkflowInput.pass); the first run keeps the plain id. */
export const seizurePassWorkflowId = (seizureId: string, pass: number | undefined): string =>
  (pass ? `seizure-${seizureId}-pass-${pass}` : seizureWorkflowId(seizureId));
export const traceWorkflowId = (traceId: string): string => `trace-${traceId}`;

/** The workflow id of each type, from its input: ids derive from record ids, so a repeated start is recognised. */
const WORKFLOW_IDS: { [T in WorkflowType]: (input: WorkflowStarts[T]) => string } = {
  caseWorkflow: (input) => caseWorkflowId(input.caseId),
  hitWorkflow: (input) => hitWorkflowId(input.hitId),
  referralWorkflow: (input) => referralWorkflowId(input.referralId),
  meetingWorkflow: (input) => meetingWorkflowId(input.meetingId),
  actionItemWorkflow: (input) => actionItemWorkflowId(input.actionItemId),
  seizureWorkflow: (input) => seizurePassWorkflowId(input.seizureId, input.pass),
  traceWorkflow: (input) => traceWorkflowId(input.traceId),
  watchDeskAlertWorkflow: (input) => watchDeskAlertWorkflowId(input.alertId),
};

export const workflowIdOf = <T extends WorkflowType>(workflowType: T, input: WorkflowStarts[T]): string =>
  WORKFLOW_IDS[workflowType](input);

/** One start, typed by its workflow: what the API, the relay and the pending-start query pass around. */
export type WorkflowStart = { [T in WorkflowType]: { workflowType: T; workflowId: string; input: WorkflowStarts[T] } }[WorkflowType];

export const workflowStart = <T extends WorkflowType>(workflowType: T, input: WorkflowStarts[T]): WorkflowStart =>
  ({ workflowType, workflowId: workflowIdOf(workflowType, input), input }) as WorkflowStart;
