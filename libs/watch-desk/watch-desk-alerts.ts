import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { WatchDeskEvent } from '../contracts/watch-desk';
import { workflowStart } from '../contracts/workflows';
import type { WatchDeskService } from './watch-desk.service';

/** What the deconfliction activities call once a hit is recorded or escalated (absent in workflow tests). */
export interface HitAlerts {
  raised(hitIds: string[]): Promise<void>;
  escalated(hitId: string): Promise<void>;
}

/**
 * Starts one alert workflow per alert, after the hit's own transaction has committed. Alert ids are fixed by the hit
 * (WatchDeskService.alertIds) and never reused, so a retried activity cannot page twice. A failed start is logged and
 * dropped: the alert must never hold up or fail the hit (the coordinators' queue and streams still show it).
 */
export class WatchDeskAlertStarter implements HitAlerts {
  constructor(
    private readonly client: Client, private readonly taskQueue: string, private readonly watchDesk: WatchDeskService,
    private readonly warn: (message: string, meta: Record<string, unknown>) => void,
  ) {}

  raised(hitIds: string[]): Promise<void> { return this.start(hitIds, 'hit.created'); }

  escalated(hitId: string): Promise<void> { return this.start([hitId], 'hit.escalated'); }

  private async start(hitIds: string[], event: WatchDeskEvent): Promise<void> {
    if (hitIds.length === 0) return;
    try {
      for (const { hitId, alertId } of await this.watchDesk.alertIds(hitIds, event)) {
        const { workflowType, workflowId, input } = workflowStart('watchDeskAlertWorkflow', { alertId, hitId, event, retry: this.watchDesk.retry });
        try {
          await this.client.workflow.start(workflowType, {
            taskQueue: this.taskQueue, workflowId, args: [input], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          });
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
      }
    } catch (error) {
      this.warn('watch-desk alert not started', { hitIds, event, err: error instanceof Error ? error.message : String(error) });
    }
  }
}
