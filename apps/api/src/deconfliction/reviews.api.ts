import { Injectable } from '@nestjs/common';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead } from '../../../../libs/audit/read-audit';
import type { AuthUser } from '../../../../libs/auth/roles';
import { DeconflictionService } from '../../../../libs/deconfliction/deconfliction.service';
import type { CasePointer, ReviewRecord } from '../../../../libs/deconfliction/review.repository';
import { ReviewRefused } from '../../../../libs/deconfliction/review.service';
import { ApiError, fieldError } from '../common/api-error';
import { keysetCursor, nextKeyset } from '../common/cursor';
import { RecordWorkflows } from '../infra/record-workflows';
import type { DismissReviewDto, PromoteReviewDto, ReviewQueueQueryDto } from './dto/reviews.dto';
import { REVIEW_MESSAGES } from './review-messages';

type Lang = 'en' | 'es';

/**
 * The coordinator's review items (issue 16): POSSIBLE person matches and collapsed common names. Reading them is
 * reading every agency's pointers (audited); promoting raises a hit and then starts its workflow; dismissing closes the item.
 */
@Injectable()
export class ReviewsApi {
  constructor(
    private readonly deconfliction: DeconflictionService,
    private readonly workflows: RecordWorkflows,
    private readonly audit: AuditStore,
  ) {}

  async list(user: AuthUser, query: ReviewQueueQueryDto, lang: Lang) {
    const limit = query.limit ?? 50;
    const rows = await this.deconfliction.reviews.records.page(query.status, limit + 1, keysetCursor.parse(query.cursor));
    const page = rows.slice(0, limit);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'deconfliction_review', ground: 'other_agency', list: true },
      page.map((r) => ({ id: r.id, agencies: [r.query.agency, ...r.agencies] })));
    const pointers = await this.pointers(page);
    return { items: page.map((r) => reviewView(r, pointers, lang)), nextCursor: nextKeyset(rows, limit) };
  }

  async promote(user: AuthUser, id: string, dto: PromoteReviewDto, lang: Lang) {
    const { review, start } = await this.decided(id, () => this.deconfliction.reviews.promote(id, user, dto.note, dto.candidate));
    // After the commit: a start that fails is made by the worker's relay (the hit is written as owing it).
    if (start) await this.workflows.start('hitWorkflow', start.hitId, { hitId: start.hitId, escalateAfterMs: start.escalateAfterMs });
    return reviewView(review, await this.pointers([review]), lang);
  }

  async dismiss(user: AuthUser, id: string, dto: DismissReviewDto, lang: Lang) {
    const review = await this.decided(id, () => this.deconfliction.reviews.dismiss(id, user, dto.note));
    return reviewView(review, await this.pointers([review]), lang);
  }

  private async decided<T>(id: string, decide: () => Promise<T>): Promise<T> {
    try {
      return await decide();
    } catch (error) {
      if (!(error instanceof ReviewRefused)) throw error;
      const { review } = error;
      switch (error.refusal) {
        case 'NOT_FOUND': throw new ApiError('NotFound', REVIEW_MESSAGES.notFound, { id });
        case 'DECIDED': throw new ApiError('Conflict', REVIEW_MESSAGES.decided, { id, status: review?.status ?? '' }, {
          body: { currentStatus: review?.status, decidedBy: review?.decidedBy },
        });
        case 'CANDIDATE_REQUIRED': {
          const count = String(review?.candidates.length ?? 0);
          const m = REVIEW_MESSAGES.candidateRequired;
          throw fieldError('candidate', m.en.replace('{count}', count), m.es.replace('{count}', count));
        }
        case 'CANDIDATE_UNKNOWN': throw fieldError('candidate', REVIEW_MESSAGES.candidateUnknown.en, REVIEW_MESSAGES.candidateUnknown.es);
      }
    }
  }

  /** Case pointers by case id and seizure pointers (an arrestee's seizure) by seizure id: both are uuids, never equal. */
  private async pointers(reviews: ReviewRecord[]): Promise<Map<string, CasePointer>> {
    const candidates = reviews.flatMap((r) => r.candidates);
    const [cases, seizures] = await Promise.all([
      this.deconfliction.reviews.records.casePointers([
        ...reviews.flatMap((r) => (r.query.caseId ? [r.query.caseId] : [])), ...candidates.flatMap((c) => (c.seizureId ? [] : [c.caseId])),
      ]),
      this.deconfliction.reviews.records.seizurePointers([
        ...reviews.flatMap((r) => (r.query.seizureId ? [r.query.seizureId] : [])), ...candidates.flatMap((c) => (c.seizureId ? [c.seizureId] : [])),
      ]),
    ]);
    return new Map([...cases, ...seizures]);
  }
}

/** Built field by field: both sides' pointers and names, the evidence, the decision; nothing else of either case. */
function reviewView(r: ReviewRecord, pointers: Map<string, CasePointer>, lang: Lang) {
  const pointer = (caseId: string, agency: string, value: string) => {
    const p = pointers.get(caseId);
    return { agency, caseNumber: p?.caseNumber ?? null, agentName: p?.agentName ?? null, agentPhone: p?.agentPhone ?? null, matchedValue: value };
  };
  return {
    id: r.id, kind: r.kind, status: r.status, reason: lang === 'es' ? r.reasonEs : r.reason,
    query: { ...pointer(r.query.seizureId ?? r.query.caseId ?? '', r.query.agency, r.query.value), ...(r.query.seizureId ? { seizureId: r.query.seizureId } : {}) },
    candidates: r.candidates.map((c) => ({
      id: c.itemId, ...pointer(c.seizureId ?? c.caseId, c.agency, c.value), ...(c.seizureId ? { seizureId: c.seizureId } : {}), score: c.score, reason: lang === 'es' ? c.reasonEs : c.reason,
    })),
    agencies: r.agencies, note: r.note, decidedBy: r.decidedBy, decidedAt: r.decidedAt?.toISOString() ?? null, hitId: r.hitId,
    createdAt: r.createdAt.toISOString(),
  };
}
