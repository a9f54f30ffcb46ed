import { DataSource, EntityManager } from 'typeorm';
import { query, queryPrepared } from '../db/sql';
import type { HitRecord, NewHit, QueueFilter, QueueKey } from './hit-record';
import type { HitResolution } from '../contracts/hits';
import type { MatchType } from './match-keys';
import { queueHits } from './hit-queue';
import { type HitRow, SELECT_HIT_BY_ID, SELECT_HITS, toRecord } from './hit-rows';
import { storedForm } from './name-forms';

// The hit model lives in hit-record.ts, the read SQL in hit-rows.ts and hit-queue.ts; re-exported for the many callers.
export * from './hit-record';

/** The deconfliction_hits table. Pair keys are unique, so the same two values make one hit however often they are probed. */
export class HitRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, hits: NewHit[], at: Date): Promise<string[]> {
    const created: string[] = [];
    for (const h of hits) {
      const rows = await query<{ id: string }>(tx,
        `INSERT INTO deconfliction_hits (id, pair_key, match_type, score, reason, urgent, status,
           a_case_id, a_agency, a_item_id, a_value, b_case_id, b_lookout_id, b_agency, b_item_id, b_value, workflow_id, created_at,
           a_seizure_id, b_seizure_id, tier, reason_es, a_name_form, b_name_form)
         VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
         ON CONFLICT (pair_key) DO NOTHING RETURNING id`,
        [h.id, h.pairKey, h.matchType, h.score, h.reason, h.urgent, h.a.caseId, h.a.agency, h.a.itemId, h.a.value,
          h.b.caseId, h.b.lookoutId, h.b.agency, h.b.itemId, h.b.value, h.workflowId, at, h.a.seizureId ?? null,
          h.b.seizureId ?? null, h.tier, h.reasonEs, storedForm(h.a.nameForm), storedForm(h.b.nameForm)],
      );
      if (rows.length > 0) created.push(rows[0].id);
    }
    return created;
  }

  async load(ids: string[], tx?: EntityManager): Promise<HitRecord[]> {
    if (ids.length === 0) return [];
    // Most reads name one hit (a workflow's step, a desk's action): that one is prepared (SELECT_HIT_BY_ID).
    const rows = ids.length === 1
      ? await queryPrepared<HitRow>(tx ?? this.dataSource, SELECT_HIT_BY_ID, ids)
      : await query<HitRow>(tx ?? this.dataSource, `${SELECT_HITS} WHERE h.id = ANY($1::uuid[]) ORDER BY h.created_at, h.id`, [ids]);
    return rows.map(toRecord);
  }

  async findById(id: string, tx?: EntityManager): Promise<HitRecord | null> {
    return (await this.load([id], tx))[0] ?? null;
  }

  async idsByPairKeys(tx: EntityManager, pairKeys: string[]): Promise<string[]> {
    if (pairKeys.length === 0) return [];
    const rows = await query<{ id: string }>(tx, 'SELECT id FROM deconfliction_hits WHERE pair_key = ANY($1::text[])', [pairKeys]);
    return rows.map((r) => r.id);
  }

  async forCase(caseId: string): Promise<HitRecord[]> {
    const rows = await query<HitRow>(this.dataSource,
      `${SELECT_HITS} WHERE h.a_case_id = $1 OR h.b_case_id = $1 ORDER BY h.created_at DESC, h.id DESC`, [caseId],
    );
    return rows.map(toRecord);
  }

  async forSeizure(seizureId: string): Promise<HitRecord[]> {
    const rows = await query<HitRow>(this.dataSource,
      `${SELECT_HITS} WHERE h.a_seizure_id = $1 OR h.b_seizure_id = $1 ORDER BY h.created_at DESC, h.id DESC`, [seizureId],
    );
    return rows.map(toRecord);
  }

  async forLookout(lookoutId: string): Promise<HitRecord[]> {
    const rows = await query<HitRow>(this.dataSource,
      `${SELECT_HITS} WHERE h.b_lookout_id = $1 ORDER BY h.created_at DESC, h.id DESC`, [lookoutId],
    );
    return rows.map(toRecord);
  }

  /** The watch desk's queue, urgent first, keyset-paged (hit-queue.ts). */
  async queue(filter: QueueFilter, limit: number, after?: QueueKey): Promise<(HitRecord & { queueKey: QueueKey })[]> {
    return queueHits(this.dataSource, filter, limit, after);
  }

  /** Hits not yet resolved that involve the case, on either side. */
  async openForCase(caseId: string, tx?: EntityManager): Promise<{ id: string; matchType: MatchType }[]> {
    const rows = await query<{ id: string; match_type: MatchType }>(tx ?? this.dataSource,
      `SELECT id, match_type FROM deconfliction_hits
       WHERE (a_case_id = $1 OR b_case_id = $1) AND status <> 'RESOLVED' ORDER BY created_at`, [caseId],
    );
    return rows.map((r) => ({ id: r.id, matchType: r.match_type }));
  }

  async markEscalated(tx: EntityManager, id: string, at: Date): Promise<boolean> {
    const rows = await query<{ id: string }>(tx,
      `UPDATE deconfliction_hits SET status = 'ESCALATED', escalated_at = $2 WHERE id = $1 AND status = 'OPEN' RETURNING id`,
      [id, at]);
    return rows.length > 0;
  }

  async markResolved(
    tx: EntityManager, id: string, resolution: HitResolution, note: string, by: string, at: Date, deferringCaseId: string | null = null,
  ): Promise<boolean> {
    const rows = await query<{ id: string }>(tx,
      `UPDATE deconfliction_hits SET status = 'RESOLVED', resolution = $2, resolution_note = $3, resolved_by = $4, resolved_at = $5,
         deferring_case_id = $6
       WHERE id = $1 AND status <> 'RESOLVED' RETURNING id`,
      [id, resolution, note, by, at, deferringCaseId]);
    return rows.length > 0;
  }

  /** Back to OPEN, its resolution cleared (the audit keeps it) and its round counted; false when it was not resolved. */
  async markReopened(tx: EntityManager, id: string, reason: string, by: string, at: Date): Promise<boolean> {
    const rows = await query<{ id: string }>(tx,
      `UPDATE deconfliction_hits SET status = 'OPEN', resolution = NULL, resolution_note = NULL, resolved_by = NULL,
         resolved_at = NULL, deferring_case_id = NULL, escalated_at = NULL, reopened_at = $2, reopened_by = $3,
         reopen_reason = $4, reopen_count = reopen_count + 1
       WHERE id = $1 AND status = 'RESOLVED' RETURNING id`,
      [id, at, by, reason]);
    return rows.length > 0;
  }
}
