import type { DataSource, EntityManager } from 'typeorm';
import { query, queryOne } from '../db/sql';
import type { NewReview, ReviewCandidate, ReviewKind, ReviewQuery, ReviewStatus } from './review-rules';

export interface ReviewRecord {
  id: string; kind: ReviewKind; query: ReviewQuery; candidates: ReviewCandidate[]; agencies: string[];
  reason: string; reasonEs: string; status: ReviewStatus; note: string | null; decidedBy: string | null;
  decidedAt: Date | null; hitId: string | null; createdAt: Date;
}

/** Whom to call about a case (its number and lead agent) or a seizure (no number; its first point of contact). */
export interface CasePointer { caseNumber: string | null; agentName: string; agentPhone: string | null; agentUserId: string }

interface ReviewRow {
  id: string; kind: ReviewKind; query_case_id: string | null; query_seizure_id: string | null; query_item_id: string; query_agency: string; query_value: string;
  candidates: ReviewCandidate[]; agencies: string[]; reason: string; reason_es: string; status: ReviewStatus;
  note: string | null; decided_by: string | null; decided_at: Date | null; hit_id: string | null; created_at: Date;
}

const toRecord = (r: ReviewRow): ReviewRecord => ({
  id: r.id, kind: r.kind,
  query: {
    caseId: r.query_case_id, ...(r.query_seizure_id ? { seizureId: r.query_seizure_id } : {}), agency: r.query_agency,
    itemId: r.query_item_id, value: r.query_value,
  },
  candidates: r.candidates, agencies: r.agencies, reason: r.reason, reasonEs: r.reason_es, status: r.status, note: r.note,
  decidedBy: r.decided_by, decidedAt: r.decided_at ? new Date(r.decided_at) : null, hitId: r.hit_id, createdAt: new Date(r.created_at),
});

/** The deconfliction_reviews table (migration PersonTiers). Ids are fixed by the matches, so a retry inserts nothing twice. */
export class ReviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The ids of the items this call created (not those an earlier attempt did). */
  async insert(tx: EntityManager, reviews: NewReview[], at: Date): Promise<string[]> {
    if (reviews.length === 0) return [];
    const rows = await query<{ id: string }>(tx,
      `INSERT INTO deconfliction_reviews (id, kind, query_case_id, query_seizure_id, query_item_id, query_agency, query_value,
                                          candidates, agencies, reason, reason_es, status, created_at)
       SELECT r.id, r.kind, r.case_id, r.seizure_id, r.item_id, r.agency, r.value, r.candidates, r.agencies, r.reason, r.reason_es,
              'OPEN', $1
       FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, kind text, case_id uuid, seizure_id uuid, item_id uuid, agency text,
                                               value text, candidates jsonb, agencies text[], reason text, reason_es text)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [at, JSON.stringify(reviews.map((r) => ({
        id: r.id, kind: r.kind, case_id: r.query.caseId, seizure_id: r.query.seizureId ?? null,
        item_id: r.query.itemId, agency: r.query.agency, value: r.query.value,
        candidates: r.candidates, agencies: r.agencies, reason: r.reason.en, reason_es: r.reason.es,
      })))],
    );
    return rows.map((r) => r.id);
  }

  /** Oldest first (a queue), keyset-paged on (created_at, id). */
  async page(status: ReviewStatus | undefined, limit: number, after?: { createdAt: Date; id: string }): Promise<ReviewRecord[]> {
    const rows = await query<ReviewRow>(this.dataSource,
      `SELECT * FROM deconfliction_reviews
       WHERE ($1::text IS NULL OR status = $1) AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
       ORDER BY created_at, id LIMIT $4`,
      [status ?? null, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map(toRecord);
  }

  /** Locked until the deciding transaction ends: two coordinators deciding at once are served one after the other. */
  async forDecision(tx: EntityManager, id: string): Promise<ReviewRecord | null> {
    const row = await queryOne<ReviewRow>(tx, 'SELECT * FROM deconfliction_reviews WHERE id = $1 FOR UPDATE', [id]);
    return row ? toRecord(row) : null;
  }

  /**
   * The open items of these query persons of a case, except `keep` (those the current pass made again), locked like
   * `forDecision`: a coordinator deciding one meanwhile is served first, and the item is then no longer open.
   */
  async openForPersons(tx: EntityManager, caseId: string, itemIds: string[], keep: string[]): Promise<ReviewRecord[]> {
    if (itemIds.length === 0) return [];
    const rows = await query<ReviewRow>(tx,
      `SELECT * FROM deconfliction_reviews
       WHERE query_case_id = $1 AND query_item_id = ANY($2::uuid[]) AND status = 'OPEN' AND NOT (id = ANY($3::uuid[]))
       ORDER BY id FOR UPDATE`,
      [caseId, [...new Set(itemIds)], keep],
    );
    return rows.map(toRecord);
  }

  async decide(tx: EntityManager, id: string, status: ReviewStatus, note: string, by: string, at: Date, hitId: string | null): Promise<void> {
    await tx.query(
      `UPDATE deconfliction_reviews SET status = $2, note = $3, decided_by = $4, decided_at = $5, hit_id = $6 WHERE id = $1`,
      [id, status, note, by, at, hitId],
    );
  }

  /**
   * A promoted hit's workflow is owed: started after commit by the API, or by the worker's relay when that start fails
   * (libs/db/pending-workflow-starts.ts), with this escalation delay.
   */
  async oweHitStart(tx: EntityManager, hitId: string, escalateAfterMs: number): Promise<void> {
    await tx.query('UPDATE deconfliction_hits SET workflow_started_at = NULL, escalate_after_ms = $2 WHERE id = $1', [hitId, escalateAfterMs]);
  }

  /** Case numbers and lead agents of these cases. */
  async casePointers(caseIds: string[], db: DataSource | EntityManager = this.dataSource): Promise<Map<string, CasePointer>> {
    if (caseIds.length === 0) return new Map();
    const rows = await query<{ id: string; case_number: string; full_name: string; phone: string | null; user_id: string }>(db,
      `SELECT c.id, c.case_number, u.full_name, u.phone, u.id AS user_id FROM cases c JOIN users u ON u.id = c.lead_agent_id
       WHERE c.id = ANY($1::uuid[])`, [[...new Set(caseIds)]],
    );
    return new Map(rows.map((r) => [r.id, { caseNumber: r.case_number, agentName: r.full_name, agentPhone: r.phone, agentUserId: r.user_id }]));
  }

  /** Seizures' contacts, as a hit's seizure side names them: the first point of contact, or the user who recorded it. */
  async seizurePointers(seizureIds: string[], db: DataSource | EntityManager = this.dataSource): Promise<Map<string, CasePointer>> {
    if (seizureIds.length === 0) return new Map();
    const rows = await query<{ id: string; name: string; phone: string | null; user_id: string }>(db,
      `SELECT s.id, coalesce(s.points_of_contact->0->>'name', u.full_name) AS name,
              CASE WHEN s.points_of_contact->0 IS NOT NULL THEN s.points_of_contact->0->>'phone' ELSE u.phone END AS phone,
              u.id AS user_id
       FROM seizures s JOIN users u ON u.id = s.created_by WHERE s.id = ANY($1::uuid[])`, [[...new Set(seizureIds)]],
    );
    return new Map(rows.map((r) => [r.id, { caseNumber: null, agentName: r.name, agentPhone: r.phone, agentUserId: r.user_id }]));
  }
}
