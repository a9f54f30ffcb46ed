import {
  allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { DeconflictionActivities } from '../../libs/contracts/activities';
import type {
  HitStatus, HitWorkflowInput, HitWorkflowState, ReopenHitRequest, ResolveHitRequest,
} from '../../libs/contracts/hits';
import { HitFailure } from '../../libs/contracts/failures';
import { hitStateQuery, reopenHitUpdate, resolveHitUpdate } from '../../libs/contracts/messages/hit';

const activities = proxyActivities<DeconflictionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * Issue 17: a resolved hit may be reopened, so its workflow stays to receive the reopen instead of completing.
 * Histories recorded before it complete at resolution and replay unchanged.
 */
const REOPEN_PATCH = 'hit-reopen';

/**
 * One deconfliction hit: OPEN -> ESCALATED when nobody resolves it in time (a durable timer, so a restart of
 * anything does not lose or repeat it) -> RESOLVED by a coordinator through an update. Resolving twice is refused.
 * Reopened (OPEN again), its escalation timer starts over.
 */
export async function hitWorkflow(input: HitWorkflowInput): Promise<HitWorkflowState> {
  const { hitId } = input;
  let status: HitStatus = input.status ?? 'OPEN';
  let resolving = false;
  let reopening = false;
  const reopenable = patched(REOPEN_PATCH);

  setHandler(hitStateQuery, () => ({ hitId, status }));
  setHandler(
    resolveHitUpdate,
    async (request: ResolveHitRequest) => {
      resolving = true;
      try {
        await activities.resolveHit(hitId, request);
        status = 'RESOLVED';
      } finally {
        resolving = false;
      }
      return { hitId, status };
    },
    {
      validator: (_request: ResolveHitRequest) => {
        if (status === 'RESOLVED' || resolving || reopening) {
          throw ApplicationFailure.nonRetryable(`hit ${hitId} is already resolved`, HitFailure.AlreadyResolved);
        }
      },
    },
  );
  if (reopenable) {
    setHandler(
      reopenHitUpdate,
      async (request: ReopenHitRequest) => {
        reopening = true;
        try {
          await activities.reopenHit(hitId, request);
          status = 'OPEN';
        } finally {
          reopening = false;
        }
        return { hitId, status };
      },
      {
        validator: (_request: ReopenHitRequest) => {
          if (status !== 'RESOLVED' || resolving || reopening) {
            throw ApplicationFailure.nonRetryable(`hit ${hitId} is not resolved`, HitFailure.NotResolved);
          }
        },
      },
    );
  }

  for (;;) {
    if (status === 'OPEN') {
      const resolvedInTime = await condition(() => status === 'RESOLVED' || resolving, input.escalateAfterMs);
      if (!resolvedInTime) {
        await activities.escalateHit(hitId);
        if (status === 'OPEN') status = 'ESCALATED';
      }
    }
    await condition(() => status === 'RESOLVED');
    if (!reopenable) break;
    // Resolved: wait for a reopen; a long wait with many rounds starts a fresh history in the same state.
    await condition(() => status !== 'RESOLVED' || workflowInfo().continueAsNewSuggested);
    if (status === 'RESOLVED') {
      await condition(allHandlersFinished);
      if (status === 'RESOLVED') await continueAsNew<typeof hitWorkflow>({ hitId, escalateAfterMs: input.escalateAfterMs, status });
    }
  }
  return { hitId, status };
}
