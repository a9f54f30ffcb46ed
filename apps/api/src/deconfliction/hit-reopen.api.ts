import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/auth/roles';
import { reopenHitUpdate } from '../../../../libs/contracts/messages/hit';
import { hitWorkflowId } from '../../../../libs/contracts/workflows';
import { WorkflowFailure } from '../../../../libs/contracts/failures';
import { DeconflictionService } from '../../../../libs/deconfliction/deconfliction.service';
import { HitRecord, HitRepository } from '../../../../libs/deconfliction/hit.repository';
import { actorOf } from '../common/actor';
import { ApiError } from '../common/api-error';
import { failureProblem } from '../common/failure-problems';
import { listingCursor, nextCursorOf } from '../common/listing-cursor';
import { M } from '../common/messages';
import { TemporalService, WorkflowRejection } from '../infra/temporal.service';
import { DeconflictionApi } from './deconfliction.api';
import type { SuppressionQueryDto } from './dto/hit-reopen.dto';
import { REOPEN_MESSAGES } from './hit-reopen-messages';
import type { ReasonLanguage } from '../../../../libs/deconfliction/hit-views';

const suppressionCursor = listingCursor('suppressions');

/**
 * Reopening a resolved hit (issue 17) goes through its workflow, which restarts the escalation clock; the activity
 * audits it and lifts a NO_CONFLICT suppression. A hit whose workflow predates reopening (it completed at its
 * resolution) answers 409 like any hit that cannot be reopened.
 */
@Injectable()
export class HitReopenApi {
  constructor(
    private readonly deconfliction: DeconflictionService,
    private readonly hits: DeconflictionApi,
    private readonly records: HitRepository,
    private readonly temporal: TemporalService,
    private readonly dataSource: DataSource,
  ) {}

  async reopen(user: AuthUser, hitId: string, reason: string, lang: ReasonLanguage) {
    const hit = await this.requireHit(hitId);
    if (hit.status !== 'RESOLVED') throw notResolved(hit);
    // A resolved hit was resolved through its workflow, so there is no registration to wait for here.
    try {
      await this.temporal.executeUpdate(hitWorkflowId(hitId), reopenHitUpdate, { reason, actor: actorOf(user) }, `reopen-${randomUUID()}`);
    } catch (error) {
      if (!(error instanceof WorkflowRejection)) throw error;
      if (error.type === WorkflowFailure.NotFound) throw new ApiError('Conflict', REOPEN_MESSAGES.predatesReopen, { id: hitId });
      const current = await this.requireHit(hitId);
      throw failureProblem(error, { id: hitId, conflict: () => notResolved(current), finished: true });
    }
    return this.hits.hit(user, hitId, lang);
  }

  /** The suppressions NO_CONFLICT left, newest first; each names its hit, whose page shows both pointers. */
  async suppressions(query: SuppressionQueryDto) {
    const limit = query.limit ?? 50;
    const rows = await this.deconfliction.effects.suppressions.list(
      this.dataSource, (query.scope ?? 'live') === 'live', limit + 1, suppressionCursor.parse(query.cursor));
    const keys = rows.map((r) => ({ createdAt: new Date(r.createdAt), id: r.id }));
    return { items: rows.slice(0, limit), nextCursor: nextCursorOf(suppressionCursor, keys, limit) };
  }

  private async requireHit(hitId: string): Promise<HitRecord> {
    const hit = await this.records.findById(hitId);
    if (!hit) throw new ApiError('NotFound', M.hitNotFound, { id: hitId });
    return hit;
  }
}

const notResolved = (hit: HitRecord): ApiError => new ApiError('Conflict', REOPEN_MESSAGES.notResolved, { id: hit.id, status: hit.status }, {
  body: { currentStatus: hit.status },
});
