import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { HitStart } from '../../libs/deconfliction/deconfliction.service';
import { hitWorkflow } from '../hit/hit.workflow';
import { traceWorkflow } from '../trace/trace.workflow';

/**
 * Each hit lives on in its own workflow (its escalation timer must not depend on its parent continuing as new or
 * closing). A hit found again by a retried pass already has its workflow, running or finished: that start is
 * recognised and skipped, never a second run with a fresh clock.
 */
export async function startHitWorkflows(hits: HitStart[] | number | undefined): Promise<void> {
  // Histories recorded before deconfliction landed carry a hit count here, not a list.
  for (const hit of Array.isArray(hits) ? hits : []) {
    try {
      await startChild(hitWorkflow, {
        workflowId: hit.workflowId,
        args: [{ hitId: hit.hitId, escalateAfterMs: hit.escalateAfterMs }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}

/** Trace requests made for a case's firearms (rule R3) run on their own clocks, like those made for seizures. */
export async function startTraceWorkflows(traces: { traceId: string; workflowId: string; dueAt: string }[] | undefined): Promise<void> {
  for (const trace of traces ?? []) {
    try {
      await startChild(traceWorkflow, {
        workflowId: trace.workflowId,
        args: [{ traceId: trace.traceId, dueAt: trace.dueAt }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}
