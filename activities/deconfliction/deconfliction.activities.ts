import { ApplicationFailure, log } from '@temporalio/activity';
import type { DeconflictionActivities } from '../../libs/contracts/activities';
import type { ReopenHitRequest, ResolveHitRequest } from '../../libs/contracts/hits';
import { HitFailure } from '../../libs/contracts/failures';
import type { HitStart } from '../../libs/contracts/hits';
import { DeconflictionService, HitAlreadyResolved, HitNotResolved } from '../../libs/deconfliction/deconfliction.service';
import type { HitAlerts } from '../../libs/watch-desk/watch-desk-alerts';

/** `alerts` pages the watch desks (issue 17) once a hit is stored or escalated; never awaited for its delivery. */
export interface DeconflictionActivityDeps { deconfliction: DeconflictionService; alerts?: HitAlerts }

/** Thin adapters: the rules and the SQL live in libs/deconfliction; each call there is idempotent. */
export function createDeconflictionActivities({ deconfliction, alerts }: DeconflictionActivityDeps): DeconflictionActivities {
  return {
    /** `itemIds` null means the whole case (intake). */
    async deconflictCaseItems(caseId: string, itemIds: string[] | null): Promise<{ hits: HitStart[] }> {
      const hits = await deconfliction.deconflictCase(caseId, itemIds);
      log.info('deconfliction pass', { caseId, items: itemIds?.length ?? 'all', hits: hits.length });
      await alerts?.raised(hits.map((h) => h.hitId));
      return { hits };
    },

    async escalateHit(hitId: string): Promise<void> {
      await deconfliction.escalate(hitId);
      await alerts?.escalated(hitId);
      log.info('hit escalated', { hitId });
    },

    async resolveHit(hitId: string, request: ResolveHitRequest): Promise<void> {
      try {
        await deconfliction.resolve(hitId, request.resolution, request.note, request.actor, request.deferringCaseId ?? null);
      } catch (error) {
        if (error instanceof HitAlreadyResolved) {
          throw ApplicationFailure.nonRetryable(error.message, HitFailure.AlreadyResolved);
        }
        throw error;
      }
    },

    /** Issue 17: the hit back to OPEN; its workflow then restarts the escalation clock. */
    async reopenHit(hitId: string, request: ReopenHitRequest): Promise<void> {
      try {
        await deconfliction.reopen(hitId, request.reason, request.actor);
      } catch (error) {
        if (error instanceof HitNotResolved) throw ApplicationFailure.nonRetryable(error.message, HitFailure.NotResolved);
        throw error;
      }
      log.info('hit reopened', { hitId });
    },
  };
}
