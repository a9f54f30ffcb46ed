import { ApplicationFailure, log } from '@temporalio/activity';
import type { TraceStepRequest } from '../../libs/contracts/seizures';
import { TraceFailure } from '../../libs/contracts/failures';
import type { DeconflictionService, HitStart } from '../../libs/deconfliction/deconfliction.service';
import type { TraceAction, TraceStatus } from '../../libs/seizures/trace-rules';
import { InvalidTraceTransition, TraceService } from '../../libs/seizures/trace.service';

export interface SeizureActivityDeps { deconfliction: DeconflictionService; traces: TraceService }

/** Thin adapters over libs/deconfliction and libs/seizures; each call there is idempotent. */
export function createSeizureActivities({ deconfliction, traces }: SeizureActivityDeps) {
  return {
    async deconflictSeizure(seizureId: string): Promise<{ hits: HitStart[] }> {
      const hits = await deconfliction.deconflictSeizure(seizureId);
      log.info('seizure deconflicted', { seizureId, hits: hits.length });
      return { hits };
    },

    async transitionTrace(traceId: string, action: TraceAction, request: TraceStepRequest): Promise<{ status: TraceStatus }> {
      try {
        const { actor, ...result } = request;
        return { status: (await traces.transition(traceId, action, actor, result)).status };
      } catch (error) {
        if (error instanceof InvalidTraceTransition) {
          throw ApplicationFailure.create({ message: error.message, type: TraceFailure.InvalidTransition, nonRetryable: true, details: [error.current] });
        }
        throw error;
      }
    },

    async markTraceOverdue(traceId: string): Promise<void> {
      await traces.markOverdue(traceId);
    },
  };
}
