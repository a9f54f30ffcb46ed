import { ApplicationFailure, Context } from '@temporalio/activity';
import type { WatchDeskActivities } from '../../libs/contracts/activities';
import type { WatchDeskAlertInput, WatchDeskEvent, WatchDeskTarget } from '../../libs/contracts/watch-desk';
import { DeliveryFailed, WatchDeskService } from '../../libs/watch-desk/watch-desk.service';

export interface WatchDeskActivityDeps { watchDesk: WatchDeskService }

/** Thin adapters over WatchDeskService: one call is one delivery attempt, numbered by Temporal's attempt counter. */
export function createWatchDeskActivities({ watchDesk }: WatchDeskActivityDeps): WatchDeskActivities {
  return {
    watchDeskTargets(hitId: string, event: WatchDeskEvent): Promise<WatchDeskTarget[]> {
      return watchDesk.targets(hitId, event);
    },

    async deliverWatchDeskAlert(alert: Pick<WatchDeskAlertInput, 'alertId' | 'hitId' | 'event'>, target: WatchDeskTarget): Promise<void> {
      try {
        await watchDesk.deliver(alert, target, Context.current().info.attempt);
      } catch (error) {
        if (error instanceof DeliveryFailed && error.final) throw ApplicationFailure.nonRetryable(error.message, 'WatchDeskContactRemoved');
        throw error;
      }
    },
  };
}
