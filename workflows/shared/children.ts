import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { HitStart } from '../../libs/deconfliction/deconfliction.service';
import { hitWorkflow } from '../hit/hit.workflow';
import { traceWorkflow } from '../trace/trace.workflow';

/**
 * Starts a workflow that outlives its parent (its clock must not depend on the parent continuing as new or closing).
 * One found again by a retried step already has its workflow, running or finished: that start is recognised and
 * skipped, never a second run with a fresh clock.
 */
export async function startChildOnce<Input>(
  workflow: (input: Input) => Promise<unknown>, workflowId: string, input: Input,
): Promise<void> {
  try {
    await startChild(workflow, {
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
    await startChildOnce(hitWorkflow, hit.workflowId, { hitId: hit.hitId, escalateAfterMs: hit.escalateAfterMs });
  }
}

/** Trace requests made for a case's firearms (rule R3) run on their own clocks, like those made for seizures. */
export async function startTraceWorkflows(traces: { traceId: string; workflowId: string; dueAt: string }[] | undefined): Promise<void> {
  for (const trace of traces ?? []) {
    await startChildOnce(traceWorkflow, trace.workflowId, { traceId: trace.traceId, dueAt: trace.dueAt });
  }
}
