import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead } from '../../../../libs/audit/read-audit';
import type { AuthUser } from '../../../../libs/auth/roles';
import type { AppConfig } from '../../../../libs/config/config';
import { hitWorkflowId } from '../../../../libs/contracts/workflows';
import { HitRecord, HitRepository } from '../../../../libs/deconfliction/hit.repository';
import { contactView, HitContactLogRepository } from '../../../../libs/deconfliction/hit-contact-log.repository';
import { coordinatorView, ReasonLanguage, sideOf, sideView } from '../../../../libs/deconfliction/hit-views';
import { resolveHitUpdate } from '../../../../libs/contracts/messages/hit';
import { CasesApi } from '../cases/cases.api';
import { actorOf } from '../common/actor';
import { ApiError } from '../common/api-error';
import { failureProblem } from '../common/failure-problems';
import { M } from '../common/messages';
import { APP_CONFIG } from '../infra/tokens';
import { TemporalService, WorkflowRejection } from '../infra/temporal.service';
import type { HitQueueQueryDto, ResolveHitDto } from './dto/deconfliction.dto';
import { queueCursor } from './queue-cursor';
import { onceHitRegistered } from './hit-registration';
import { checkDeferral } from './hit-resolution-checks';

/** A hit's page carries its latest contact-log entries; the whole log pages through GET /deconfliction/hits/:id/contacts. */
const HIT_PAGE_CONTACTS = 100;

@Injectable()
export class DeconflictionApi {
  constructor(
    private readonly hits: HitRepository,
    private readonly cases: CasesApi,
    private readonly audit: AuditStore,
    private readonly temporal: TemporalService,
    private readonly contacts: HitContactLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The case's hits as its own side sees them: pointers only (api.md). */
  async caseHits(user: AuthUser, caseId: string, lang: ReasonLanguage = 'en') {
    await this.cases.readAccess(user, caseId, 'case.hits_read_shared');
    const hits = await this.hits.forCase(caseId);
    return { items: hits.map((h) => sideView(h, sideOf(h, { caseId }) ?? 'a', lang)) };
  }

  /** The desk is joint: a coordinator reads every agency's side of a hit, and each such read is audited. */
  async queue(user: AuthUser, query: HitQueueQueryDto, lang: ReasonLanguage = 'en') {
    const limit = query.limit ?? 50;
    const after = queueCursor.parse(query.cursor);
    const filter = {
      status: query.status ? [query.status] : undefined, matchType: query.matchType ? [query.matchType] : undefined,
      tier: query.tier ? [query.tier] : undefined, agency: query.agency,
      claimedBy: query.claimed === 'me' ? user.userId : query.claimed === 'none' ? null : undefined,
    };
    const rows = await this.hits.queue(filter, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    await auditCrossAgencyRead(this.audit, user, { entityType: 'hit', ground: 'other_agency', list: true },
      page.map((h) => ({ id: h.id, agencies: [h.a.agency, h.b.agency] })));
    return { items: page.map((h) => this.deskView(h, lang)), nextCursor: rows.length > limit ? queueCursor.encode(last.queueKey) : null };
  }

  async hit(user: AuthUser, hitId: string, lang: ReasonLanguage = 'en') {
    const hit = await this.requireHit(hitId);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'hit', ground: 'other_agency' }, [{ id: hit.id, agencies: [hit.a.agency, hit.b.agency] }]);
    return { ...this.deskView(hit, lang), contacts: (await this.contacts.list(hit.id, HIT_PAGE_CONTACTS)).map(contactView) };
  }

  /**
   * The coordinator's view with its clocks: when an open hit escalates (its workflow's timer started as the hit was
   * recorded, on the event clock for urgent conflicts) and, for event conflicts, when the earlier operation starts.
   */
  deskView(hit: HitRecord, lang: ReasonLanguage = 'en') {
    const { eventHitEscalationAfterMs, hitEscalationAfterMs } = this.config.deconfliction;
    const after = hit.urgent ? eventHitEscalationAfterMs : hitEscalationAfterMs;
    // A reopened hit's clock started again when it was reopened (issue 17).
    const escalatesAt = hit.status === 'OPEN' ? (hit.reopenedAt ?? hit.createdAt).getTime() + after : null;
    return {
      ...coordinatorView(hit, lang),
      escalatesAt: escalatesAt === null ? null : new Date(escalatesAt).toISOString(),
      eventStartsAt: hit.eventStartsAt ? hit.eventStartsAt.toISOString() : null,
      timeLeftMs: escalatesAt === null ? null : Math.max(0, escalatesAt - Date.now()),
      holder: hit.holder
        ? { username: hit.holder.username, fullName: hit.holder.fullName, claimedAt: hit.holder.claimedAt.toISOString() }
        : null,
    };
  }

  /**
   * Resolution goes through the hit's workflow (which also stops its escalation timer). A hit already resolved is a
   * 409 that states the resolution on record.
   */
  async resolve(user: AuthUser, hitId: string, dto: ResolveHitDto, lang: ReasonLanguage = 'en') {
    const hit = await this.requireHit(hitId);
    if (hit.status === 'RESOLVED') throw this.alreadyResolved(hit);
    checkDeferral(hit, dto);
    try {
      await onceHitRegistered(() => this.temporal.executeUpdate(hitWorkflowId(hitId), resolveHitUpdate, {
        resolution: dto.resolution, note: dto.note,
        actor: actorOf(user), ...(dto.deferringCaseId ? { deferringCaseId: dto.deferringCaseId } : {}),
      }, `resolve-${randomUUID()}`), async () => (await this.requireHit(hitId)).status !== 'RESOLVED', this.config.updateWaitMs);
    } catch (error) {
      if (!(error instanceof WorkflowRejection)) throw error;
      const current = await this.requireHit(hitId);
      throw failureProblem(error, {
        id: hitId,
        conflict: () => this.alreadyResolved(current),
        finished: current.status === 'RESOLVED',
        starting: () => new ApiError('Unavailable', M.hitRegistering, { id: hitId }, { headers: { 'retry-after': '2' } }),
      });
    }
    return this.deskView(await this.requireHit(hitId), lang);
  }

  private async requireHit(hitId: string): Promise<HitRecord> {
    const hit = await this.hits.findById(hitId);
    if (!hit) throw new ApiError('NotFound', M.hitNotFound, { id: hitId });
    return hit;
  }

  private alreadyResolved(hit: HitRecord): ApiError {
    return new ApiError('Conflict', M.hitAlreadyResolved, { id: hit.id, resolution: hit.resolution ?? '' }, {
      body: { currentStatus: hit.status, resolution: hit.resolution, resolvedBy: hit.resolvedBy },
    });
  }
}
