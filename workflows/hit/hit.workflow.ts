import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createDeconflictionActivities } from '../../activities/deconfliction/deconfliction.activities';
import type { HitWorkflowInput, HitWorkflowState, ResolveHitRequest } from '../../libs/contracts/hits';
import { HitFailure } from '../../libs/contracts/failures';
import type { HitStatus } from '../../libs/deconfliction/hit-store';
import { hitStateQuery, resolveHitUpdate } from './messages';

const activities = proxyActivities<ReturnType<typeof createDeconflictionActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * One deconfliction hit: OPEN -> ESCALATED when nobody resolves it in time (a durable timer, so a restart of
 * anything does not lose or repeat it) -> RESOLVED by a coordinator through an update. Resolving twice is refused.
 */
export async function hitWorkflow(input: HitWorkflowInput): Promise<HitWorkflowState> {
  const { hitId } = input;
  let status: HitStatus = input.status ?? 'OPEN';
  let resolving = false;

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
        if (status === 'RESOLVED' || resolving) {
          throw ApplicationFailure.nonRetryable(`hit ${hitId} is already resolved`, HitFailure.AlreadyResolved);
        }
      },
    },
  );

  if (status === 'OPEN') {
    const resolvedInTime = await condition(() => status === 'RESOLVED' || resolving, input.escalateAfterMs);
    if (!resolvedInTime) {
      await activities.escalateHit(hitId);
      if (status === 'OPEN') status = 'ESCALATED';
    }
  }
  await condition(() => status === 'RESOLVED');
  return { hitId, status };
}
