import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import { CaseItems, IDENTIFIER_TYPES } from '../contracts/case-items';
import { assertDefined } from '../db/sql';
import type { DeconflictionService } from './deconfliction.service';
import { keysForItems } from './match-keys';
import type { MatchingRepository } from './matching.repository';
import { LookoutRecord, LookoutRepository } from './lookout.repository';

export type { LookoutRecord } from './lookout.repository';

/** Identifier lookouts (issue 8) and, since issue 17, person (name and DOB) and organization (name) lookouts. */
export const LOOKOUT_TYPES = [...IDENTIFIER_TYPES, 'PERSON', 'ORGANIZATION'] as const;
export type LookoutType = (typeof LOOKOUT_TYPES)[number];

export interface LookoutInput {
  type: LookoutType; value: string; region?: string; dateOfBirth?: string; note: string; expiresAt?: string;
}

/** The lookout as case items: a person or organization lookout is a subject, matched by the same rules as a case's. */
export function lookoutItems(id: string, input: LookoutInput): CaseItems {
  if (input.type === 'PERSON') {
    return { kind: 'subjects', items: [{ id, kind: 'PERSON', fullName: input.value, ...(input.dateOfBirth ? { dateOfBirth: input.dateOfBirth } : {}) }] };
  }
  if (input.type === 'ORGANIZATION') return { kind: 'subjects', items: [{ id, kind: 'ORGANIZATION', name: input.value, orgType: 'OTHER' }] };
  return { kind: 'identifiers', items: [{ id, type: input.type, value: input.value, region: input.region }] };
}
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
    const subject: Record<string, string | null> | null = input.type === 'PERSON'
      ? { fullName: input.value, dateOfBirth: input.dateOfBirth ?? null }
      : input.type === 'ORGANIZATION' ? { name: input.value } : null;
    await this.lookouts.insert(tx, {
      id, ownerUserId: actor.userId, ownerAgency: actor.agency, type: input.type, value: input.value,
      region: input.region ?? null, note: input.note, expiresAt, at, subject,
    });
    const options = await this.deconfliction.keyOptions(actor.agency, tx);
    const keys = keysForItems(lookoutItems(id, input), options);
    const codes = await this.matching.personCodes(tx, keys.persons);
    await this.matching.store(tx, { caseId: null, lookoutId: id, agency: actor.agency, expiresAt }, keys, codes, at);
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
    id: l.id, type: l.type, value: l.value, region: l.region, dateOfBirth: l.dateOfBirth, note: l.note, owner: l.ownerUsername,
    owningAgency: l.ownerAgency, expiresAt: l.expiresAt?.toISOString() ?? null, status, active: status === 'ACTIVE',
    cancelledAt: l.cancelledAt?.toISOString() ?? null, cancelledBy: l.cancelledBy, cancelReason: l.cancelReason,
    createdAt: l.createdAt.toISOString(),
  };
}
