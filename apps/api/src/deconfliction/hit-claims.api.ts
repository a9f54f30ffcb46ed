import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import type { AuthUser } from '../../../../libs/auth/roles';
import { queryOne } from '../../../../libs/db/sql';
import { ClaimStep, claimRefusal } from '../../../../libs/deconfliction/hit-claim-rules';
import { ClaimChange, HitClaimRepository } from '../../../../libs/deconfliction/hit-claim.repository';
import { HitRepository } from '../../../../libs/deconfliction/hit.repository';
import type { ReasonLanguage } from '../../../../libs/deconfliction/hit-views';
import { AccessPolicy } from '../common/access-policy';
import { ApiError, fieldError } from '../common/api-error';
import { M } from '../common/messages';
import { DeconflictionApi } from './deconfliction.api';
import type { AssignHitDto, ReleaseHitDto } from './dto/hit-work.dto';
import { HIT_WORK_MESSAGES as HW, STEP_VERBS } from './hit-work-messages';

/** One claim change in a transaction: what changed and the audit details (null: nothing to record), or null if no row. */
type ClaimWork = (tx: EntityManager) => Promise<{ change: ClaimChange; details: Record<string, unknown> | null } | null>;
const AUDIT_ACTION: Record<ClaimStep, string> = { claim: 'hit.claimed', release: 'hit.released', assign: 'hit.assigned' };

const isSupervisor = (user: AuthUser) => user.roles.includes('DESK_SUPERVISOR');

/**
 * Claiming a hit (issue 17): one coordinator holds it at a time; the holder or a desk supervisor releases it or hands
 * it to another coordinator. Each change is one conditional UPDATE committed with its audit entry; a change that
 * touched no row is explained from the state read afterwards (409 held or resolved, 403 not the holder, 404).
 */
@Injectable()
export class HitClaimsApi {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: HitClaimRepository,
    private readonly hits: HitRepository,
    private readonly desk: DeconflictionApi,
    private readonly audit: AuditStore,
    private readonly access: AccessPolicy,
  ) {}

  async claim(user: AuthUser, hitId: string, lang: ReasonLanguage) {
    await this.apply(user, hitId, 'claim', async (tx) => {
      const change = await this.claims.claim(tx, hitId, user.userId, new Date());
      if (!change) return null;
      // Claiming a hit one already holds changes nothing and leaves no entry.
      return { change, details: change.previousHolderId === user.userId ? null : {} };
    });
    return this.view(hitId, lang);
  }

  async release(user: AuthUser, hitId: string, dto: ReleaseHitDto, lang: ReasonLanguage) {
    await this.apply(user, hitId, 'release', async (tx) => {
      const change = await this.claims.release(tx, hitId, user.userId, isSupervisor(user));
      return change && { change, details: { reason: dto.reason ?? null } };
    });
    return this.view(hitId, lang);
  }

  async assign(user: AuthUser, hitId: string, dto: AssignHitDto, lang: ReasonLanguage) {
    await this.apply(user, hitId, 'assign', async (tx) => {
      const to = await this.claims.coordinator(tx, dto.to);
      if (!to) throw fieldError('to', HW.notCoordinator.en, HW.notCoordinator.es);
      const change = await this.claims.assign(tx, hitId, to.id, user.userId, isSupervisor(user), new Date());
      return change && { change, details: { to: to.username } };
    });
    return this.view(hitId, lang);
  }

  /**
   * Runs one change with its audit entry (`details` null: nothing changed). When no row changed, the state read
   * afterwards says why, or that there was nothing to do (a release of a hit no one holds).
   */
  private async apply(
    user: AuthUser, hitId: string, step: ClaimStep,
    work: ClaimWork,
  ): Promise<void> {
    // No row changed and nothing explains it: the hit moved between the UPDATE and the read, so the step is tried again.
    for (let attempt = 1; ; attempt += 1) {
      if (await this.applyOnce(user, hitId, step, work)) return;
      const refusal = await this.refusal(user, hitId, step);
      if (refusal) throw refusal;
      if (attempt === 3 || step === 'release') return;
    }
  }

  private async applyOnce(
    user: AuthUser, hitId: string, step: ClaimStep,
    work: ClaimWork,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const done = await work(tx);
      if (done?.details) {
        await this.audit.append({
          actor: user.username, agency: user.agency, action: AUDIT_ACTION[step],
          entityType: 'hit', entityId: hitId,
          details: { ...done.details, previousHolder: await this.usernameOf(tx, done.change.previousHolderId) },
        }, tx);
      }
      return done !== null;
    });
  }

  private async refusal(user: AuthUser, hitId: string, step: ClaimStep): Promise<ApiError | null> {
    const state = await this.claims.state(this.dataSource.manager, hitId);
    if (!state) return new ApiError('NotFound', M.hitNotFound, { id: hitId });
    const refusal = claimRefusal(step, state, { userId: user.userId, supervisor: isSupervisor(user) });
    const holder = (await this.usernameOf(this.dataSource.manager, state.holderId)) ?? '';
    switch (refusal?.code) {
      case 'RESOLVED': {
        const hit = await this.hits.findById(hitId);
        return new ApiError('Conflict', M.hitAlreadyResolved, { id: hitId, resolution: hit?.resolution ?? '' }, { body: { currentStatus: state.status } });
      }
      case 'HELD_BY_OTHER': return new ApiError('Conflict', HW.heldByOther, { id: hitId, holder }, { body: { holder } });
      case 'NOT_HOLDER': {
        const verb = STEP_VERBS[step === 'assign' ? 'assign' : 'release'];
        return this.access.forbidden(user, { entityType: 'hit', entityId: hitId, reason: `not_holder_${step}` },
          { en: HW.notHolder.en.replace('{step}', verb.en), es: HW.notHolder.es.replace('{step}', verb.es) },
          { id: hitId, holder: holder || '—' });
      }
      default:
        // Nothing to do (a release of a hit no one holds), or the state changed again since the UPDATE: the step's
        // outcome is what the hit now shows.
        return null;
    }
  }

  private async usernameOf(db: EntityManager, userId: string | null): Promise<string | null> {
    if (!userId) return null;
    return (await queryOne<{ username: string }>(db, 'SELECT username FROM users WHERE id = $1', [userId]))?.username ?? null;
  }

  private async view(hitId: string, lang: ReasonLanguage) {
    const hit = await this.hits.findById(hitId);
    if (!hit) throw new ApiError('NotFound', M.hitNotFound, { id: hitId });
    return this.desk.deskView(hit, lang);
  }
}
