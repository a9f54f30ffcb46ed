import type { CountryCode } from 'libphonenumber-js';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import { DEFAULT_OPERATION_RADIUS_METERS } from '../cases/case-rules';
import type { CaseRepository } from '../cases/case.repository';
import { uuidFrom } from '../common/deterministic-id';
import type { DeconflictionConfig } from '../config/config';
import type { CaseItems, IdentifierType } from '../contracts/case-items';
import { hitWorkflowId } from '../contracts/temporal';
import { NotificationInput, NotificationStore } from '../notifications/notification-store';
import { HitRecord, HitResolution, HitStore, NewHit } from './hit-store';
import { coordinatorView, sideView } from './hit-views';
import { identifierNorms, ItemKeys, KeyOptions, keysForItems } from './match-keys';
import { Match, MatchingStore } from './matching-store';

/** What the case workflow needs to start a hit's workflow: its id and how long until it escalates. */
export interface HitStart { hitId: string; workflowId: string; escalateAfterMs: number }

export interface LookoutInput { type: IdentifierType; value: string; region?: string; note: string; expiresAt?: string }
export interface LookoutActor { userId: string; username: string; agency: string }

export class HitAlreadyResolved extends Error {
  constructor(readonly hit: HitRecord) { super(`hit ${hit.id} is already resolved`); }
}

const mergeKeys = (all: ItemKeys[]): ItemKeys => ({
  exact: all.flatMap((k) => k.exact), persons: all.flatMap((k) => k.persons), events: all.flatMap((k) => k.events),
});

/** Pair keys are symmetric: the same two values make one hit whichever side entered last. */
export const pairKeyOf = (m: Match): string => `${[m.own.itemId, m.other.itemId].sort().join('|')}|${m.matchType}`;

/**
 * Deconfliction use cases shared by the case workflow's activities and the API: deconflict a case's new values,
 * escalate and resolve hits, keep lookouts, answer a check. Every state change is audited and announced in the same
 * transaction.
 */
export class DeconflictionService {
  private readonly countries = new Map<string, CountryCode>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly matching: MatchingStore,
    private readonly hits: HitStore,
    private readonly notifications: NotificationStore,
    private readonly audit: AuditStore,
    private readonly config: DeconflictionConfig,
  ) {}

  async keyOptions(agency: string, tx?: EntityManager): Promise<KeyOptions> {
    let country = this.countries.get(agency);
    if (!country) {
      const rows: { country: CountryCode }[] = await (tx ?? this.dataSource.manager).query(
        'SELECT country FROM agencies WHERE code = $1', [agency]);
      country = rows[0]?.country ?? 'US';
      this.countries.set(agency, country);
    }
    return { country, serialMinReadable: this.config.serialMinReadable, defaultRadiusMeters: DEFAULT_OPERATION_RADIUS_METERS };
  }

  /** Whether an identifier can be matched at all; the API refuses the ones that cannot (400 naming the field). */
  identifierIsReadable(type: IdentifierType, value: string, region: string | undefined, options: KeyOptions): boolean {
    return identifierNorms(type, value, region, options) !== null;
  }

  /**
   * Stores the case's values (all of them at intake, or one append's) under their keys and records a hit for every
   * other case or lookout they meet. Safe to retry: keys and hits have fixed ids, and the answer lists the hits of
   * these values whether this attempt or an earlier one created them.
   */
  async deconflictCase(caseId: string, itemIds: string[] | null): Promise<HitStart[]> {
    return this.dataSource.transaction(async (tx) => {
      const record = await this.cases.findById(caseId, tx);
      if (!record || record.status === 'CLOSED') return [];
      const options = await this.keyOptions(record.owningAgency, tx);
      const batches = await this.cases.loadItems(tx, caseId, itemIds);
      const keys = mergeKeys(batches.map((b) => keysForItems(b, options)));
      const codes = await this.matching.personCodes(tx, keys.persons);
      await this.matching.lock(tx, keys, codes);
      const matches = await this.matching.probe(tx, keys, codes, caseId);
      const at = new Date();
      await this.matching.store(tx, { caseId, lookoutId: null, agency: record.owningAgency, expiresAt: null }, keys, codes, at);
      const newHits = matches.map((m) => this.newHit(caseId, record.owningAgency, m));
      const created = await this.hits.insert(tx, newHits, at);
      await this.announce(tx, await this.hits.load(created, tx), 'hit.created');
      const ids = await this.hits.idsByPairKeys(tx, newHits.map((h) => h.pairKey));
      const urgent = new Map(newHits.map((h) => [h.id, h.urgent]));
      return ids.map((hitId) => ({
        hitId, workflowId: hitWorkflowId(hitId),
        escalateAfterMs: urgent.get(hitId) ? this.config.eventHitEscalationAfterMs : this.config.hitEscalationAfterMs,
      }));
    });
  }

  /**
   * A seized firearm's serial (its readable part included) against case firearms and lookouts: hits for their owners
   * with the seizure as the other side. Seized serials are not stored as keys: a seizure is evidence, not a target.
   */
  async deconflictSeizure(seizureId: string): Promise<HitStart[]> {
    return this.dataSource.transaction(async (tx) => {
      const rows: { owning_agency: string; case_id: string | null }[] = await tx.query(
        'SELECT owning_agency, case_id FROM seizures WHERE id = $1', [seizureId]);
      if (rows.length === 0) return [];
      const { owning_agency: agency, case_id: caseId } = rows[0];
      const firearms: { id: string; serial_number: string; serial_obliterated: boolean }[] = await tx.query(
        'SELECT id, serial_number, serial_obliterated FROM seizure_firearms WHERE seizure_id = $1', [seizureId]);
      const keys = keysForItems({
        kind: 'firearms',
        items: firearms.map((f) => ({ id: f.id, serialNumber: f.serial_number, serialObliterated: f.serial_obliterated })),
      }, await this.keyOptions(agency, tx));
      await this.matching.lock(tx, keys, new Map());
      const matches = await this.matching.probe(tx, keys, new Map(), caseId);
      const newHits = matches.map((m) => ({ ...this.newHit(null, agency, m), a: { caseId: null, seizureId, agency, itemId: m.own.itemId, value: m.own.value } }));
      const at = new Date();
      const created = await this.hits.insert(tx, newHits, at);
      await this.announce(tx, await this.hits.load(created, tx), 'hit.created');
      const ids = await this.hits.idsByPairKeys(tx, newHits.map((h) => h.pairKey));
      return ids.map((hitId) => ({ hitId, workflowId: hitWorkflowId(hitId), escalateAfterMs: this.config.hitEscalationAfterMs }));
    });
  }

  /**
   * Values checked without being stored (a "check before you act"): what they would meet. Runs in the caller's
   * transaction (CheckService), which records the check and tells the other side in the same commit.
   */
  async check(agency: string, batches: CaseItems[], tx: EntityManager): Promise<Match[]> {
    const options = await this.keyOptions(agency, tx);
    const keys = mergeKeys(batches.map((b) => keysForItems(b, options)));
    const codes = await this.matching.personCodes(tx, keys.persons);
    return this.matching.probe(tx, keys, codes, null);
  }

  /** The timer ran out with nobody resolving: the watch desk and both sides are told. Idempotent. */
  async escalate(hitId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (!(await this.hits.markEscalated(tx, hitId, new Date()))) return;
      const hit = await this.hits.findById(hitId, tx);
      if (hit) await this.announce(tx, [hit], 'hit.escalated');
    });
  }

  async resolve(hitId: string, resolution: HitResolution, note: string, actor: LookoutActor): Promise<HitRecord> {
    return this.dataSource.transaction(async (tx) => {
      const changed = await this.hits.markResolved(tx, hitId, resolution, note, actor.username, new Date());
      const hit = await this.hits.findById(hitId, tx);
      if (!hit) throw new Error(`hit ${hitId} not found`);
      if (!changed) {
        if (hit.resolvedBy === actor.username && hit.resolution === resolution && hit.resolutionNote === note) return hit;
        throw new HitAlreadyResolved(hit);
      }
      await this.announce(tx, [hit], 'hit.resolved', actor);
      return hit;
    });
  }

  async createLookout(id: string, actor: LookoutActor, input: LookoutInput, tx: EntityManager): Promise<Record<string, unknown>> {
    const at = new Date();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    await tx.query(
      `INSERT INTO lookouts (id, owner_user_id, owner_agency, type, value, region, note, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, actor.userId, actor.agency, input.type, input.value, input.region ?? null, input.note, expiresAt, at],
    );
    const options = await this.keyOptions(actor.agency, tx);
    const keys = keysForItems({ kind: 'identifiers', items: [{ id, type: input.type, value: input.value, region: input.region }] }, options);
    await this.matching.store(tx, { caseId: null, lookoutId: id, agency: actor.agency, expiresAt }, keys, new Map(), at);
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: 'lookout.created', entityType: 'lookout', entityId: id,
      details: { type: input.type, expiresAt: expiresAt?.toISOString() ?? null },
    }, tx);
    return lookoutView({
      id, owner_agency: actor.agency, owner_username: actor.username, type: input.type, value: input.value,
      region: input.region ?? null, note: input.note, expires_at: expiresAt, created_at: at,
    });
  }

  async listLookouts(agency: string): Promise<Record<string, unknown>[]> {
    const rows: LookoutRow[] = await this.dataSource.query(
      `SELECT l.*, u.username AS owner_username FROM lookouts l JOIN users u ON u.id = l.owner_user_id
       WHERE l.owner_agency = $1 ORDER BY l.created_at DESC, l.id DESC LIMIT 500`, [agency],
    );
    return rows.map(lookoutView);
  }

  async lookoutAgency(id: string): Promise<string | null> {
    const rows: { owner_agency: string }[] = await this.dataSource.query('SELECT owner_agency FROM lookouts WHERE id = $1', [id]);
    return rows[0]?.owner_agency ?? null;
  }

  private newHit(caseId: string | null, agency: string, m: Match): NewHit {
    const pairKey = pairKeyOf(m);
    const id = uuidFrom(`hit\n${pairKey}`);
    return {
      id, pairKey, matchType: m.matchType, score: m.score, reason: m.reason, urgent: m.urgent,
      a: { caseId, agency, itemId: m.own.itemId, value: m.own.value },
      b: { ...m.other },
      workflowId: hitWorkflowId(id),
    };
  }

  /**
   * Audit entry and notifications for a hit event. Each side's lead agent (or lookout owner) gets its pointer-only
   * view; every deconfliction coordinator gets both pointers. Dedup keys make a retried activity announce once.
   */
  private async announce(tx: EntityManager, hits: HitRecord[], event: string, actor?: LookoutActor): Promise<void> {
    if (hits.length === 0) return;
    const coordinators = await this.notifications.usersWithRole(tx, 'DECONFLICTION_COORDINATOR');
    const items: NotificationInput[] = [];
    for (const hit of hits) {
      await this.audit.append({
        actor: actor?.username ?? 'system', agency: actor?.agency ?? null, action: event, entityType: 'hit', entityId: hit.id,
        details: {
          matchType: hit.matchType, score: hit.score, status: hit.status, resolution: hit.resolution,
          sides: [hit.a.caseId ?? hit.a.seizureId, hit.b.caseId ?? hit.b.lookoutId],
        },
        dedupKey: `${event}:${hit.id}`,
      }, tx);
      const base = { kind: event, entityType: 'hit', entityId: hit.id };
      items.push({
        ...base, userId: hit.a.agentUserId, payload: { caseId: hit.a.caseId, seizureId: hit.a.seizureId, hit: sideView(hit, 'a') },
        dedupKey: `${event}:${hit.id}:a`,
      });
      items.push({
        ...base, userId: hit.b.agentUserId,
        payload: { caseId: hit.b.caseId, lookoutId: hit.b.lookoutId, hit: sideView(hit, 'b') }, dedupKey: `${event}:${hit.id}:b`,
      });
      for (const userId of coordinators) {
        items.push({ ...base, userId, payload: { hit: coordinatorView(hit) }, dedupKey: `${event}:${hit.id}:coordinator` });
      }
    }
    await this.notifications.push(tx, items);
  }
}

interface LookoutRow {
  id: string; owner_agency: string; owner_username: string; type: string; value: string; region: string | null;
  note: string; expires_at: Date | null; created_at: Date;
}

function lookoutView(r: LookoutRow) {
  const expiresAt = r.expires_at ? new Date(r.expires_at) : null;
  return {
    id: r.id, type: r.type, value: r.value, region: r.region, note: r.note, owner: r.owner_username,
    owningAgency: r.owner_agency, expiresAt: expiresAt?.toISOString() ?? null,
    active: expiresAt === null || expiresAt.getTime() > Date.now(), createdAt: new Date(r.created_at).toISOString(),
  };
}

