import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { HitStart } from '../../libs/contracts/hits';
import type { ReferralStart } from '../../libs/contracts/referrals';
import type { TraceStart } from '../../libs/contracts/seizures';
import type { WorkflowStarts, WorkflowType } from '../../libs/contracts/workflows';

/**
 * Starts a workflow that outlives its parent (its clock must not depend on the parent continuing as new or closing).
 * One found again by a retried step already has its workflow, running or finished: that start is recognised and
 * skipped, never a second run with a fresh clock. Children are started by their registered name (libs/contracts/
 * workflows.ts), the same the API and the relay use; the workflow id is the one the activity's record carries.
 */
export async function startChildOnce<T extends WorkflowType>(
  workflowType: T, workflowId: string, input: WorkflowStarts[T],
): Promise<void> {
  try {
    await startChild(workflowType, {
      workflowId,
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** Each hit lives on in its own workflow, so its escalation timer runs whatever becomes of the case's run. */
export async function startHitWorkflows(hits: HitStart[] | number | undefined): Promise<void> {
  // Histories recorded before deconfliction landed carry a hit count here, not a list.
  for (const hit of Array.isArray(hits) ? hits : []) {
    await startChildOnce('hitWorkflow', hit.workflowId, { hitId: hit.hitId, escalateAfterMs: hit.escalateAfterMs });
  }
}

/** Trace requests made for a case's firearms (rule R3) run on their own clocks, like those made for seizures. */
export async function startTraceWorkflows(traces: TraceStart[] | undefined): Promise<void> {
  for (const trace of traces ?? []) {
    await startChildOnce('traceWorkflow', trace.workflowId, { traceId: trace.traceId, dueAt: trace.dueAt });
  }
}

/** Children found by one step, each kind as its step returns it. */
export interface ChildStarts { hits?: HitStart[]; referrals?: ReferralStart[]; traces?: TraceStart[] }

/**
 * Starts them all in one workflow task (issue 20): one after another, each start waited for its own task, one more
 * round trip through the server per child. A workflow id listed twice is started once.
 */
export async function startChildrenTogether({ hits = [], referrals = [], traces = [] }: ChildStarts): Promise<void> {
  const seen = new Set<string>();
  const starts: Promise<void>[] = [];
  const once = <T extends WorkflowType>(workflowType: T, workflowId: string, input: WorkflowStarts[T]): void => {
    if (seen.has(workflowId)) return;
    seen.add(workflowId);
    starts.push(startChildOnce(workflowType, workflowId, input));
  };
  for (const h of hits) once('hitWorkflow', h.workflowId, { hitId: h.hitId, escalateAfterMs: h.escalateAfterMs });
  for (const r of referrals) once('referralWorkflow', r.workflowId, { referralId: r.referralId, ackDueAfterMs: r.ackDueAfterMs });
  for (const t of traces) once('traceWorkflow', t.workflowId, { traceId: t.traceId, dueAt: t.dueAt });
  await Promise.all(starts);
}
