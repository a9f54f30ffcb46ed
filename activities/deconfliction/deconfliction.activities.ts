import { ApplicationFailure, log } from '@temporalio/activity';
import type { ResolveHitRequest } from '../../libs/contracts/hits';
import { HitFailure } from '../../libs/contracts/failures';
import { DeconflictionService, HitAlreadyResolved, HitStart } from '../../libs/deconfliction/deconfliction.service';

export interface DeconflictionActivityDeps { deconfliction: DeconflictionService }

/** Thin adapters: the rules and the SQL live in libs/deconfliction; each call there is idempotent. */
export function createDeconflictionActivities({ deconfliction }: DeconflictionActivityDeps) {
  return {
    /** `itemIds` null means the whole case (intake). */
    async deconflictCaseItems(caseId: string, itemIds: string[] | null): Promise<{ hits: HitStart[] }> {
      const hits = await deconfliction.deconflictCase(caseId, itemIds);
      log.info('deconfliction pass', { caseId, items: itemIds?.length ?? 'all', hits: hits.length });
      return { hits };
    },

    async escalateHit(hitId: string): Promise<void> {
      await deconfliction.escalate(hitId);
      log.info('hit escalated', { hitId });
    },

    async resolveHit(hitId: string, request: ResolveHitRequest): Promise<void> {
      try {
        await deconfliction.resolve(hitId, request.resolution, request.note, request.actor);
      } catch (error) {
        if (error instanceof HitAlreadyResolved) {
          throw ApplicationFailure.nonRetryable(error.message, HitFailure.AlreadyResolved);
        }
        throw error;
      }
    },
  };
}

export type DeconflictionActivities = ReturnType<typeof createDeconflictionActivities>;
