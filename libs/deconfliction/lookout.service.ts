import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { IdentifierType } from '../contracts/case-items';
import { assertDefined } from '../db/sql';
import type { DeconflictionService } from './deconfliction.service';
import { keysForItems } from './match-keys';
import type { MatchingRepository } from './matching.repository';
import { LookoutRecord, LookoutRepository } from './lookout.repository';

export type { LookoutRecord } from './lookout.repository';

export interface LookoutInput { type: IdentifierType; value: string; region?: string; note: string; expiresAt?: string }
export interface LookoutActor { userId: string; username: string; agency: string }

export class LookoutAlreadyCancelled extends Error {
  constructor(readonly lookout: LookoutRecord) { super(`lookout ${lookout.id} is already cancelled`); }
}

/**
 * Lookouts: an agent's standing watch on a value. A later case or seizure meeting it raises a hit for the owner
 * (DeconflictionService's probes read its keys) until it expires or its owner cancels it. Every change is audited in
 * its transaction.
 */
export class LookoutService {
  private readonly lookouts = new LookoutRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly deconfliction: DeconflictionService,
    private readonly matching: MatchingRepository,
    private readonly audit: AuditStore,
  ) {}

  async create(id: string, actor: LookoutActor, input: LookoutInput, tx: EntityManager): Promise<LookoutRecord> {
    const at = new Date();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    await this.lookouts.insert(tx, {
      id, ownerUserId: actor.userId, ownerAgency: actor.agency, type: input.type, value: input.value,
      region: input.region ?? null, note: input.note, expiresAt, at,
    });
    const options = await this.deconfliction.keyOptions(actor.agency, tx);
    const keys = keysForItems({ kind: 'identifiers', items: [{ id, type: input.type, value: input.value, region: input.region }] }, options);
    await this.matching.store(tx, { caseId: null, lookoutId: id, agency: actor.agency, expiresAt }, keys, new Map(), at);
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: 'lookout.created', entityType: 'lookout', entityId: id,
      details: { type: input.type, expiresAt: expiresAt?.toISOString() ?? null },
    }, tx);
    return assertDefined(await this.lookouts.find(tx, id), `lookout ${id}`);
  }

  /** Newest first; `after` is the last row of the previous page (keyset). */
  async page(agency: string, limit: number, after?: { createdAt: Date; id: string }): Promise<LookoutRecord[]> {
    return this.lookouts.page(this.dataSource, agency, limit, after);
  }

  async ownerAgency(id: string): Promise<string | null> {
    return (await this.lookouts.ownerAgency(this.dataSource, id)) ?? null;
  }

  /**
   * The lookout stops matching from now: its keys expire with the cancellation, in one transaction with the audit
   * entry. Hits it raised before stay, as the record of what it found. A second cancellation is refused.
   */
  async cancel(id: string, actor: LookoutActor, reason: string | null): Promise<LookoutRecord> {
    return this.dataSource.transaction(async (tx) => {
      const at = new Date();
      if (!(await this.lookouts.markCancelled(tx, id, actor.username, reason, at))) {
        throw new LookoutAlreadyCancelled(assertDefined(await this.lookouts.find(tx, id), `lookout ${id}`));
      }
      await this.lookouts.expireKeys(tx, id, at);
      await this.audit.append({
        actor: actor.username, agency: actor.agency, action: 'lookout.cancelled', entityType: 'lookout', entityId: id,
        details: { reason },
      }, tx);
      return assertDefined(await this.lookouts.find(tx, id), `lookout ${id}`);
    });
  }
}

export type LookoutStatus = 'ACTIVE' | 'EXPIRED' | 'CANCELLED';

/** A lookout as its agency reads it: whether it still matches, and when and why it was cancelled. */
export function lookoutView(l: LookoutRecord, now = Date.now()) {
  const status: LookoutStatus = l.cancelledAt ? 'CANCELLED' : l.expiresAt && l.expiresAt.getTime() <= now ? 'EXPIRED' : 'ACTIVE';
  return {
    id: l.id, type: l.type, value: l.value, region: l.region, note: l.note, owner: l.ownerUsername,
    owningAgency: l.ownerAgency, expiresAt: l.expiresAt?.toISOString() ?? null, status, active: status === 'ACTIVE',
    cancelledAt: l.cancelledAt?.toISOString() ?? null, cancelledBy: l.cancelledBy, cancelReason: l.cancelReason,
    createdAt: l.createdAt.toISOString(),
  };
}
