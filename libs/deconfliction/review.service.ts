import type { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { HitStart } from '../contracts/hits';
import { hitWorkflowId } from '../contracts/workflows';
import { uuidFrom } from '../common/deterministic-id';
import type { NotificationStore } from '../notifications/notification-store';
import type { HitRecord, HitRepository, NewHit } from './hit.repository';
import type { Match } from './matching.repository';
import { AMBIGUOUS_PERSON, closingReason, NewReview, reviewOutcome, reviewsFor, ReviewStatus } from './review-rules';
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
 * POSSIBLE person matches (issue 16): written as review items in the deconfliction pass's transaction instead of
 * hits, decided by a coordinator. A promotion raises the hit a CONFIRMED or PROBABLE match would have raised, with
 * the same id, notifications and workflow; a dismissal closes the item. Both are audited.
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
   * Review items for a pass's POSSIBLE matches. The agent who entered a person whose matches collapsed into one
   * COMMON_NAME item is told it is ambiguous (a pointer to their own subject, nothing of the other cases); the agents
   * of the candidates hear nothing.
   */
  async record(tx: EntityManager, caseId: string, agency: string, matches: Match[], queried: string[], at: Date): Promise<void> {
    const reviews = reviewsFor(caseId, agency, matches.filter((m) => m.tier === 'POSSIBLE'), this.settings.possibleMax);
    const created = new Set(await this.records.insert(tx, reviews, at));
    await this.closeDecided(tx, caseId, queried, matches.filter((m) => m.tier !== 'POSSIBLE'), reviews, at);
    if (created.size === 0) return;
    const common = reviews.filter((r) => r.kind === 'COMMON_NAME' && created.has(r.id));
    const lead = common.length > 0 ? (await this.records.casePointers([caseId], tx)).get(caseId) : undefined;
    if (lead) {
      await this.notifications.push(tx, common.map((r) => ({
        userId: lead.agentUserId, kind: 'person.ambiguous', entityType: 'case', entityId: caseId,
        payload: { caseId, subjectId: r.query.itemId, matchedValue: r.query.value, message: AMBIGUOUS_PERSON.en, messageEs: AMBIGUOUS_PERSON.es },
        dedupKey: `person.ambiguous:${r.id}`,
      })));
    }
    for (const r of reviews.filter((x) => created.has(x.id))) {
      await this.audit.append({
        actor: 'system', agency: null, action: 'review.created', entityType: 'deconfliction_review', entityId: r.id,
        details: { kind: r.kind, case: caseId, item: r.query.itemId, candidates: r.candidates.length, agencies: r.agencies },
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
   * Raises the hit between the query person and the candidate (for a COMMON_NAME item, the one the coordinator chose).
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
      const pairKey = `${[review.query.itemId, candidate.itemId].sort().join('|')}|PERSON`;
      const hitId = uuidFrom(`hit\n${pairKey}`);
      const hit: NewHit = {
        id: hitId, pairKey, matchType: 'PERSON', score: candidate.score, tier: 'POSSIBLE', urgent: false,
        reason: `${candidate.reason}; promoted by a coordinator`, reasonEs: `${candidate.reasonEs}; elevada por un coordinador`,
        a: {
          caseId: review.query.caseId, agency: review.query.agency, itemId: review.query.itemId, value: review.query.value,
          nameForm: candidate.forms?.query,
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
      details: { kind: review.kind, case: review.query.caseId, agencies: review.agencies, ...details },
    }, tx);
  }
}
