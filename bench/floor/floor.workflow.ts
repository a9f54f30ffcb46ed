import {
  condition, ParentClosePolicy, proxyActivities, proxyLocalActivities, sleep, startChild,
} from '@temporalio/workflow';
import type { FloorInput } from './floor-shape';

/** The bench worker's activities: they do nothing, so what is left is Temporal's and the SDK's own cost. */
export interface FloorActivities { nothing(): Promise<void> }

const activities = proxyActivities<FloorActivities>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '30 seconds' });

/**
 * A case's workflow with nothing inside: the same steps in the same order, children started like the case starts its
 * hits and referrals (abandoned by the parent, their own ids), then open forever unless the real one completed.
 */
export async function floorWorkflow({ shape, id }: FloorInput): Promise<void> {
  let child = 0;
  for (const step of shape.steps) {
    if (step.kind === 'local') await local.nothing();
    else if (step.kind === 'activity') await activities.nothing();
    else if (step.kind === 'timer') await sleep(step.ms);
    else {
      child += 1;
      await startChild(floorWorkflow, {
        workflowId: `${id}.${child}`, args: [{ shape: step.shape, id: `${id}.${child}` }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
  }
  if (!shape.completes) await condition(() => false);
}
