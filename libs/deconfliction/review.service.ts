import type { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { HitStart } from '../contracts/hits';
import { hitWorkflowId } from '../contracts/workflows';
import { uuidFrom } from '../common/deterministic-id';
import type { NotificationStore } from '../notifications/notification-store';
import type { HitRecord, HitRepository, NewHit } from './hit.repository';
import type { Match } from './matching.repository';
import {
  AMBIGUOUS_PERSON, closingReason, NewReview, promotedMatchType, reviewOutcome, reviewsFor, ReviewStatus, serialPartReviews,
} from './review-rules';
import { AMBIGUOUS_SERIAL, SerialCrowd } from './serial-collapse';
import { PROMOTED } from './pointer-reason';
import { ReviewRecord, ReviewRepository } from './review.repository';

export interface ReviewActor { username: string; agency: string }

/** Who closes an item the matching decided (decided_by, audit actor). */
const SYSTEM = 'system';

export type ReviewRefusal = 'NOT_FOUND' | 'DECIDED' | 'CANDIDATE_REQUIRED' | 'CANDIDATE_UNKNOWN';

/** A decision the review item cannot take; the API turns each into its 4xx. */
export class ReviewRefused extends Error {
  constructor(readonly refusal: ReviewRefusal, readonly review: ReviewRecord | null) { super(`review refused: ${refusal}`); }
}

export interface ReviewSettings { possibleMax: number; hitEscalationAfterMs: number }

/**
 * POSSIBLE person matches (issue 16) and the crowds of serials one readable part meets (serial-collapse.ts): written as
 * review items in the deconfliction pass's transaction instead of hits, decided by a coordinator. A promotion raises
 * the hit a decisive match would have raised, with the same id, notifications and workflow; a dismissal closes the
 * item. Both are audited.
 */
export class ReviewService {
  readonly records: ReviewRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly hits: HitRepository,
    private readonly notifications: NotificationStore,
    private readonly audit: AuditStore,
    private readonly settings: ReviewSettings,
    private readonly announceHits: (tx: EntityManager, hits: HitRecord[]) => Promise<void>,
  ) {
    this.records = new ReviewRepository(dataSource);
  }

  /**
   * Review items for a pass's POSSIBLE matches and serial crowds. The agent who entered a person whose matches
   * collapsed into one COMMON_NAME item, or a firearm whose readable part met a crowd, is told it is ambiguous (a
   * pointer to their own item, nothing of the other cases); the agents of the candidates hear nothing.
   */
  async record(
    tx: EntityManager, caseId: string, agency: string, matches: Match[], queried: string[], at: Date, serialCrowds: SerialCrowd[] = [],
  ): Promise<void> {
    const persons = reviewsFor(caseId, agency, matches.filter((m) => m.tier === 'POSSIBLE'), this.settings.possibleMax);
    const reviews = [...persons, ...serialPartReviews({ caseId }, agency, serialCrowds)];
    const created = new Set(await this.records.insert(tx, reviews, at));
    await this.closeDecided(tx, caseId, queried, matches.filter((m) => m.tier !== 'POSSIBLE'), persons, at);
    await this.announce(tx, reviews.filter((r) => created.has(r.id)), () => this.records.casePointers([caseId], tx).then((p) => p.get(caseId)));
  }

  /**
   * A seizure's firearms whose readable parts met crowds (seizures stay on watch): one item each, and the user who
   * recorded the seizure is told, as a case's lead agent would be.
   */
  async recordSeizureCrowds(tx: EntityManager, seizureId: string, agency: string, crowds: SerialCrowd[], at: Date): Promise<void> {
    const reviews = serialPartReviews({ seizureId }, agency, crowds);
    const created = new Set(await this.records.insert(tx, reviews, at));
    await this.announce(tx, reviews.filter((r) => created.has(r.id)), () => this.records.seizurePointers([seizureId], tx).then((p) => p.get(seizureId)));
  }

  /** Each new item audited; whoever entered an ambiguous person or firearm told which, and what would decide it. */
  private async announce(tx: EntityManager, created: NewReview[], whoEntered: () => Promise<{ agentUserId: string } | undefined>): Promise<void> {
    const ambiguous = created.filter((r) => r.kind === 'COMMON_NAME' || r.kind === 'COMMON_SERIAL_PART');
    const lead = ambiguous.length > 0 ? await whoEntered() : undefined;
    if (lead) {
      await this.notifications.push(tx, ambiguous.map((r) => {
        const [kind, item, message] = r.kind === 'COMMON_NAME'
          ? ['person.ambiguous', 'subjectId', AMBIGUOUS_PERSON] as const : ['serial.ambiguous', 'firearmId', AMBIGUOUS_SERIAL] as const;
        const [entityType, entityId] = r.query.caseId ? ['case', r.query.caseId] : ['seizure', r.query.seizureId ?? ''];
        return {
          userId: lead.agentUserId, kind, entityType, entityId,
          payload: {
            caseId: r.query.caseId, ...(r.query.seizureId ? { seizureId: r.query.seizureId } : {}), [item]: r.query.itemId,
            matchedValue: r.query.value, message: message.en, messageEs: message.es,
          },
          dedupKey: `${kind}:${r.id}`,
        };
      }));
    }
    for (const r of created) {
      await this.audit.append({
        actor: 'system', agency: null, action: 'review.created', entityType: 'deconfliction_review', entityId: r.id,
        details: {
          kind: r.kind, ...(r.query.seizureId ? { seizure: r.query.seizureId } : { case: r.query.caseId }), item: r.query.itemId,
          candidates: r.candidates.length, agencies: r.agencies,
        },
        dedupKey: `review.created:${r.id}`,
      }, tx);
    }
  }

  /**
   * Open items of the persons this pass queried that it did not make again: the person's matching ran again (a DOB
   * added by PATCH, an identifier appended) and decided them. Left open they would keep a decided person in the queue;
   * each is closed by the system with the reason the coordinator reads (as the note, English then Spanish), audited.
   */
  private async closeDecided(tx: EntityManager, caseId: string, queried: string[], decisive: Match[], reviews: NewReview[], at: Date): Promise<void> {
    const stale = await this.records.openForPersons(tx, caseId, queried, reviews.map((r) => r.id));
    for (const review of stale) {
      const outcome = reviewOutcome(review.query.itemId, decisive, reviews);
      const reason = closingReason(outcome);
      await this.records.decide(tx, review.id, 'DISMISSED', `${reason.en} / ${reason.es}`, SYSTEM, at, null);
      await this.audit.append({
        actor: SYSTEM, agency: null, action: 'review.closed', entityType: 'deconfliction_review', entityId: review.id,
        details: { kind: review.kind, case: caseId, item: review.query.itemId, outcome: outcome.kind, reason: reason.en },
      }, tx);
    }
  }

  /**
   * Raises the hit between the query person (or firearm) and the candidate (for an item of several, the one the
   * coordinator chose).
   * Its workflow is started after the commit, never inside the transaction (a rollback would leave a workflow for a
   * hit that does not exist): the hit is written as owing its start, which the caller makes with `start` and the
   * worker's relay makes if that fails. `start` is null when the pair was already a hit, whose workflow runs.
   */
  async promote(
    id: string, actor: ReviewActor, note: string, candidateItemId: string | undefined,
  ): Promise<{ review: ReviewRecord; start: HitStart | null }> {
    return this.dataSource.transaction(async (tx) => {
      const review = await this.open(tx, id);
      const candidate = candidateItemId === undefined && review.candidates.length === 1
        ? review.candidates[0] : review.candidates.find((c) => c.itemId === candidateItemId);
      if (!candidate) throw new ReviewRefused(candidateItemId === undefined ? 'CANDIDATE_REQUIRED' : 'CANDIDATE_UNKNOWN', review);
      const matchType = promotedMatchType(review.kind);
      // The pair key a hit between these two items would have had (deconfliction-rules.ts pairKeyOf).
      const pairKey = `${[review.query.itemId, candidate.itemId].sort().join('|')}|${matchType}`;
      const hitId = uuidFrom(`hit\n${pairKey}`);
      const hit: NewHit = {
        id: hitId, pairKey, matchType, score: candidate.score, tier: matchType === 'PERSON' ? 'POSSIBLE' : null, urgent: false,
        reason: `${candidate.reason}; ${PROMOTED.en}`, reasonEs: `${candidate.reasonEs}; ${PROMOTED.es}`,
        a: {
          caseId: review.query.caseId, seizureId: review.query.seizureId ?? null, agency: review.query.agency,
          itemId: review.query.itemId, value: review.query.value, nameForm: candidate.forms?.query,
        },
        b: {
          caseId: candidate.seizureId ? null : candidate.caseId, lookoutId: null, seizureId: candidate.seizureId ?? null,
          agency: candidate.agency, itemId: candidate.itemId, value: candidate.value, nameForm: candidate.forms?.candidate,
        },
        workflowId: hitWorkflowId(hitId),
      };
      const at = new Date();
      const created = await this.hits.insert(tx, [hit], at);
      const escalateAfterMs = this.settings.hitEscalationAfterMs;
      for (const createdId of created) await this.records.oweHitStart(tx, createdId, escalateAfterMs);
      await this.announceHits(tx, await this.hits.load(created, tx));
      await this.decide(tx, review, 'PROMOTED', note, actor, at, hitId, { candidate: candidate.itemId, hit: hitId });
      return {
        review: { ...review, status: 'PROMOTED', note, decidedBy: actor.username, decidedAt: at, hitId },
        start: created.includes(hitId) ? { hitId, workflowId: hitWorkflowId(hitId), escalateAfterMs } : null,
      };
    });
  }

  async dismiss(id: string, actor: ReviewActor, note: string): Promise<ReviewRecord> {
    return this.dataSource.transaction(async (tx) => {
      const review = await this.open(tx, id);
      const at = new Date();
      await this.decide(tx, review, 'DISMISSED', note, actor, at, null, {});
      return { ...review, status: 'DISMISSED', note, decidedBy: actor.username, decidedAt: at };
    });
  }

  private async open(tx: EntityManager, id: string): Promise<ReviewRecord> {
    const review = await this.records.forDecision(tx, id);
    if (!review) throw new ReviewRefused('NOT_FOUND', null);
    if (review.status !== 'OPEN') throw new ReviewRefused('DECIDED', review);
    return review;
  }

  private async decide(
    tx: EntityManager, review: ReviewRecord, status: ReviewStatus, note: string, actor: ReviewActor, at: Date, hitId: string | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.records.decide(tx, review.id, status, note, actor.username, at, hitId);
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: status === 'PROMOTED' ? 'review.promoted' : 'review.dismissed',
      entityType: 'deconfliction_review', entityId: review.id,
      details: {
        kind: review.kind, ...(review.query.seizureId ? { seizure: review.query.seizureId } : { case: review.query.caseId }),
        agencies: review.agencies, ...details,
      },
    }, tx);
  }
}
