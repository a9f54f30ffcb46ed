import type { CountryCode } from 'libphonenumber-js';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import { DEFAULT_OPERATION_RADIUS_METERS } from '../cases/case-rules';
import type { CaseRepository } from '../cases/case.repository';
import { DeconflictionConfig, PERSON_TIER_DEFAULTS, PersonTierConfig, SERIAL_PARTIAL_MAX_DEFAULT } from '../config/config';
import type { CaseItems, IdentifierType } from '../contracts/case-items';
import type { HitStart } from '../contracts/hits';
import { hitWorkflowId } from '../contracts/workflows';
import { NotificationInput, NotificationStore } from '../notifications/notification-store';
import { HitRecord, HitResolution, HitRepository } from './hit.repository';
import { coordinatorView, sideView } from './hit-views';
import { identifierNorms, KeyOptions, keysForItems, personItemId } from './match-keys';
import { Match, MatchingRepository } from './matching.repository';
import { hitOf, mergeKeys } from './deconfliction-rules';
import { DeconflictionRepository } from './deconfliction.repository';
import { ReviewService } from './review.service';
import { ResolutionEffects, roundSuffix } from './resolution-effects';
import { watchSeizure } from './seizure-watch';
import { collapseSerialParts } from './serial-collapse';

export interface LookoutActor { userId: string; username: string; agency: string }

export class HitAlreadyResolved extends Error {
  constructor(readonly hit: HitRecord) { super(`hit ${hit.id} is already resolved`); }
}

export class HitNotResolved extends Error {
  constructor(readonly hit: HitRecord) { super(`hit ${hit.id} is not resolved`); }
}

/**
 * Deconfliction use cases shared by the case workflow's activities and the API: deconflict a case's new values,
 * escalate and resolve hits, keep lookouts, answer a check. Every state change is audited and announced in the same
 * transaction.
 */
export class DeconflictionService {
  private readonly countries = new Map<string, CountryCode>();
  private readonly records = new DeconflictionRepository();
  /** POSSIBLE person matches: the coordinator's review items (issue 16). */
  readonly reviews: ReviewService;
  /** What a resolution does, and what reopening undoes (issue 17). */
  readonly effects: ResolutionEffects;
  /** SERIAL_PARTIAL_MAX, read once for the case and seizure passes (serial-collapse.ts). */
  private readonly serialPartialMax: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly matching: MatchingRepository,
    private readonly hits: HitRepository,
    private readonly notifications: NotificationStore,
    private readonly audit: AuditStore,
    private readonly config: DeconflictionConfig & Partial<PersonTierConfig>,
  ) {
    this.reviews = new ReviewService(dataSource, hits, notifications, audit, {
      possibleMax: config.personPossibleMax ?? PERSON_TIER_DEFAULTS.personPossibleMax, hitEscalationAfterMs: config.hitEscalationAfterMs,
    }, (tx, created) => this.announce(tx, created, 'hit.created'));
    this.effects = new ResolutionEffects(cases, notifications, audit);
    this.serialPartialMax = config.serialPartialMax ?? SERIAL_PARTIAL_MAX_DEFAULT;
  }

  async keyOptions(agency: string, tx?: EntityManager): Promise<KeyOptions> {
    let country = this.countries.get(agency);
    if (!country) {
      country = (await this.records.agencyCountry(tx ?? this.dataSource, agency)) ?? 'US';
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
   * other case or lookout they meet, except POSSIBLE person matches (issue 16) and a readable part's crowd of serials
   * (serial-collapse.ts), which become coordinator review items.
   * Safe to retry: keys, hits and review items have fixed ids, and the answer lists the hits of these values whether
   * this attempt or an earlier one created them.
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
      const probed = await this.matching.probe(tx, keys, codes, caseId, { seizures: true });
      const { kept: matches, crowds } = collapseSerialParts(probed, this.serialPartialMax);
      const at = new Date();
      await this.matching.store(tx, { caseId, lookoutId: null, agency: record.owningAgency, expiresAt: null }, keys, codes, at);
      await this.reviews.record(tx, caseId, record.owningAgency, matches, keys.persons.map(personItemId), at, crowds);
      const newHits = await this.effects.suppressions.unsuppressed(tx,
        matches.filter((m) => m.tier !== 'POSSIBLE').map((m) => hitOf(caseId, record.owningAgency, m)));
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
   * A seized firearm's serial (its readable part included) against case firearms and lookouts, with the seizure as
   * side a; the serials then stay on watch for the cases opened later (seizure-watch.ts). A readable part meeting a
   * crowd of case serials is one review item (serial-collapse.ts).
   */
  async deconflictSeizure(seizureId: string): Promise<HitStart[]> {
    return this.dataSource.transaction(async (tx) => {
      const watch = await watchSeizure(tx, {
        matching: this.matching, records: this.records, keyOptions: (a, t) => this.keyOptions(a, t),
        serialPartialMax: this.serialPartialMax,
      }, seizureId);
      const newHits = await this.effects.suppressions.unsuppressed(tx, watch?.hits ?? []);
      const at = new Date();
      if (watch) await this.reviews.recordSeizureCrowds(tx, seizureId, watch.agency, watch.crowds, at);
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
    // A check answers a common name as one count (check-collapse.ts): its namesakes may be counted, not graded. It takes
    // no lock, so its persons' codes are read with their vocabulary (null), not before.
    return this.matching.probe(tx, keys, null, null, { seizures: false, countCrowds: true });
  }

  /** The timer ran out with nobody resolving: the watch desk and both sides are told. Idempotent. */
  async escalate(hitId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (!(await this.hits.markEscalated(tx, hitId, new Date()))) return;
      const hit = await this.hits.findById(hitId, tx);
      if (hit) await this.announce(tx, [hit], 'hit.escalated');
    });
  }

  /** Records the resolution and applies its effect (resolution-effects.ts) in one transaction; a retry changes nothing. */
  async resolve(
    hitId: string, resolution: HitResolution, note: string, actor: LookoutActor, deferringCaseId: string | null = null,
  ): Promise<HitRecord> {
    return this.dataSource.transaction(async (tx) => {
      const at = new Date();
      const changed = await this.hits.markResolved(tx, hitId, resolution, note, actor.username, at, deferringCaseId);
      const hit = await this.hits.findById(hitId, tx);
      if (!hit) throw new Error(`hit ${hitId} not found`);
      if (!changed) {
        if (hit.resolvedBy === actor.username && hit.resolution === resolution && hit.resolutionNote === note) return hit;
        throw new HitAlreadyResolved(hit);
      }
      await this.announce(tx, [hit], 'hit.resolved', actor, deferringCaseId ? { deferringCaseId } : {});
      await this.effects.apply(tx, hit, actor, at);
      return hit;
    });
  }

  /**
   * Back to OPEN with a reason (issue 17), NO_CONFLICT's suppression lifted; the hit workflow restarts the clock.
   * A retry of the same reopen finds the hit open, reopened by the same coordinator for the same reason: done already.
   */
  async reopen(hitId: string, reason: string, actor: LookoutActor): Promise<HitRecord> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.hits.findById(hitId, tx);
      if (!before) throw new Error(`hit ${hitId} not found`);
      const at = new Date();
      if (!(await this.hits.markReopened(tx, hitId, reason, actor.username, at))) {
        if (before.reopenedBy === actor.username && before.reopenReason === reason && before.status !== 'RESOLVED') return before;
        throw new HitNotResolved(before);
      }
      const hit = await this.hits.findById(hitId, tx);
      if (!hit) throw new Error(`hit ${hitId} not found`);
      await this.announce(tx, [hit], 'hit.reopened', actor, { reason, previousResolution: before.resolution });
      await this.effects.undo(tx, hit, actor, reason, at);
      return hit;
    });
  }

  /**
   * Audit entry and notifications for a hit event. Each side's lead agent (or lookout owner) gets its pointer-only
   * view; every deconfliction coordinator gets both pointers. Dedup keys make a retried activity announce once.
   */
  private async announce(
    tx: EntityManager, hits: HitRecord[], event: string, actor?: LookoutActor, extra: Record<string, unknown> = {},
  ): Promise<void> {
    if (hits.length === 0) return;
    const coordinators = await this.notifications.usersWithRole(tx, 'DECONFLICTION_COORDINATOR');
    const items: NotificationInput[] = [];
    for (const hit of hits) {
      await this.audit.append({
        actor: actor?.username ?? 'system', agency: actor?.agency ?? null, action: event, entityType: 'hit', entityId: hit.id,
        details: {
          matchType: hit.matchType, score: hit.score, status: hit.status, resolution: hit.resolution,
          sides: [hit.a.caseId ?? hit.a.seizureId, hit.b.caseId ?? hit.b.lookoutId ?? hit.b.seizureId], ...extra,
        },
        dedupKey: `${event}:${hit.id}${roundSuffix(hit)}`,
      }, tx);
      const base = { kind: event, entityType: 'hit', entityId: hit.id };
      items.push({
        ...base, userId: hit.a.agentUserId, payload: { caseId: hit.a.caseId, seizureId: hit.a.seizureId, hit: sideView(hit, 'a') },
        dedupKey: `${event}:${hit.id}${roundSuffix(hit)}:a`,
      });
      items.push({
        ...base, userId: hit.b.agentUserId,
        payload: { caseId: hit.b.caseId, lookoutId: hit.b.lookoutId, ...(hit.b.seizureId ? { seizureId: hit.b.seizureId } : {}), hit: sideView(hit, 'b') },
        dedupKey: `${event}:${hit.id}${roundSuffix(hit)}:b`,
      });
      for (const userId of coordinators) {
        items.push({ ...base, userId, payload: { hit: coordinatorView(hit) }, dedupKey: `${event}:${hit.id}${roundSuffix(hit)}:coordinator` });
      }
    }
    await this.notifications.push(tx, items);
  }
}
