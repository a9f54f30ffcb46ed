import { proxyLocalActivities } from '@temporalio/workflow';
import type { SeizureActivities } from '../../libs/contracts/activities';
import type { SeizureWorkflowInput } from '../../libs/contracts/seizures';
import { startHitWorkflows } from '../shared/children';

const activities = proxyLocalActivities<SeizureActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * A committed seizure's serials meet case firearms and lookouts and stay on watch for later cases; every hit gets its
 * own workflow. A later pass (firearms added by PATCH, `input.pass`) runs the same steps under its own workflow id.
 */
export async function seizureWorkflow(input: SeizureWorkflowInput): Promise<{ seizureId: string; hits: number }> {
  const { hits } = await activities.deconflictSeizure(input.seizureId);
  await startHitWorkflows(hits);
  return { seizureId: input.seizureId, hits: hits.length };
}
