import type { EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { CaseRepository } from '../cases/case.repository';
import type { NotificationInput, NotificationStore } from '../notifications/notification-store';
import type { HitRecord, HitSide } from './hit.repository';
import { counterpartOf, type SideName, sideView } from './hit-views';
import { SuppressionRepository } from './hit-suppression';

export interface EffectActor { username: string; agency: string }

/**
 * A hit's round: 0 until it is first reopened. Dedup keys of round 0 are the ones written before reopening existed;
 * later rounds carry their number, so a hit resolved, reopened and resolved again is announced each time, and a retried
 * step of one round still only once.
 */
export const roundSuffix = (hit: HitRecord): string => (hit.reopenCount > 0 ? `:r${hit.reopenCount}` : '');

const sides: SideName[] = ['a', 'b'];
const sideIn = (hit: HitRecord, name: SideName): HitSide => (name === 'a' ? hit.a : hit.b);

/**
 * What a resolution does (issue 17), run in the transaction that records it, and only when that transaction changed
 * the hit, so a retried activity applies nothing twice:
 * - JOINT_INVESTIGATION: each case is shared with the other's agency, the hit as the share's reason (an ordinary share:
 *   listed on the case, revocable by its owner);
 * - DEFER: the deferring case's agent is told to whom it defers;
 * - PROCEED_INDEPENDENTLY: both agents are told, with the coordination note;
 * - NO_CONFLICT: a suppression, so the same two values in the same two places raise no hit again, until reopened.
 */
export class ResolutionEffects {
  readonly suppressions = new SuppressionRepository();

  constructor(private readonly cases: CaseRepository, private readonly notifications: NotificationStore, private readonly audit: AuditStore) {}

  async apply(tx: EntityManager, hit: HitRecord, actor: EffectActor, at: Date): Promise<void> {
    switch (hit.resolution) {
      case 'JOINT_INVESTIGATION': return this.shareBothWays(tx, hit, actor, at);
      case 'DEFER': return this.tell(tx, hit, 'hit.deferred', sides.filter((s) => sideIn(hit, s).caseId === hit.deferringCaseId));
      case 'PROCEED_INDEPENDENTLY': return this.tell(tx, hit, 'hit.proceed_independently', sides);
      case 'NO_CONFLICT': return this.suppress(tx, hit, actor, at);
      default: return undefined;
    }
  }

  /** Reopening undoes NO_CONFLICT's suppression (shares stay: each owner revokes its own, like any share). */
  async undo(tx: EntityManager, hit: HitRecord, actor: EffectActor, reason: string, at: Date): Promise<void> {
    for (const id of await this.suppressions.lift(tx, hit.id, actor.username, reason, at)) {
      await this.audit.append({
        actor: actor.username, agency: actor.agency, action: 'hit.suppression_lifted', entityType: 'hit', entityId: hit.id,
        details: { suppressionId: id, reason },
      }, tx);
    }
  }

  private async shareBothWays(tx: EntityManager, hit: HitRecord, actor: EffectActor, at: Date): Promise<void> {
    const { a, b } = hit;
    if (!a.caseId || !b.caseId || a.agency === b.agency) return this.tell(tx, hit, 'hit.joint_investigation', sides);
    const reason = `joint investigation agreed on deconfliction hit ${hit.id}`;
    for (const [caseId, agency] of [[a.caseId, b.agency], [b.caseId, a.agency]]) {
      await this.cases.upsertShare(tx, caseId, agency, reason, actor.username, at);
      await this.audit.append({
        actor: actor.username, agency: actor.agency, action: 'case.share_granted', entityType: 'case', entityId: caseId,
        details: { sharedWith: agency, reason, hitId: hit.id },
      }, tx);
    }
    await this.tell(tx, hit, 'hit.joint_investigation', sides);
  }

  private async suppress(tx: EntityManager, hit: HitRecord, actor: EffectActor, at: Date): Promise<void> {
    const id = await this.suppressions.create(tx, hit, hit.reopenCount, hit.resolutionNote ?? '', actor.username, at);
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: 'hit.suppression_created', entityType: 'hit', entityId: hit.id,
      details: { suppressionId: id, matchType: hit.matchType },
    }, tx);
  }

  /** Each named side's agent gets its own pointer-only view, the other side as whom to call, and the note. */
  private async tell(tx: EntityManager, hit: HitRecord, kind: string, to: SideName[]): Promise<void> {
    const items: NotificationInput[] = to.map((name) => {
      const own = sideIn(hit, name);
      const other = sideIn(hit, name === 'a' ? 'b' : 'a');
      return {
        userId: own.agentUserId, kind, entityType: 'hit', entityId: hit.id,
        payload: {
          caseId: own.caseId, hit: sideView(hit, name), counterpart: counterpartOf(other), note: hit.resolutionNote,
          ...(kind === 'hit.deferred' ? { defersTo: counterpartOf(other) } : {}),
        },
        dedupKey: `${kind}:${hit.id}${roundSuffix(hit)}:${name}`,
      };
    });
    await this.notifications.push(tx, items);
  }
}
