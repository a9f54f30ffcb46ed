import { proxyActivities } from '@temporalio/workflow';
import type { WatchDeskActivities } from '../../libs/contracts/activities';
import type { WatchDeskAlertInput, WatchDeskAlertResult } from '../../libs/contracts/watch-desk';

const planning = proxyActivities<WatchDeskActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 },
});

/**
 * One alert (a hit raised urgent, or escalated) to the watch desks of both agencies: every contact is tried on its
 * own, with backoff, until it is reached or its attempts run out. Runs apart from the hit's workflow, which only
 * starts it: a dead mail server or webhook delays nothing but this alert.
 */
export async function watchDeskAlertWorkflow(input: WatchDeskAlertInput): Promise<WatchDeskAlertResult> {
  const { retry } = input;
  const delivery = proxyActivities<WatchDeskActivities>({
    startToCloseTimeout: retry.attemptTimeoutMs * 2,
    retry: {
      initialInterval: retry.initialMs, backoffCoefficient: 2, maximumInterval: retry.maxIntervalMs, maximumAttempts: retry.maxAttempts,
    },
  });
  const targets = await planning.watchDeskTargets(input.hitId, input.event);
  const alert = { alertId: input.alertId, hitId: input.hitId, event: input.event };
  const outcomes = await Promise.allSettled(targets.map((target) => delivery.deliverWatchDeskAlert(alert, target)));
  const delivered = outcomes.filter((o) => o.status === 'fulfilled').length;
  return { alertId: input.alertId, delivered, failed: outcomes.length - delivered };
}
