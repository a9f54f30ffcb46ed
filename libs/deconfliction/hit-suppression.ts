import type { EntityManager } from 'typeorm';
import { uuidFrom } from '../common/deterministic-id';
import { Db, query } from '../db/sql';
import type { HitRecord, NewHit } from './hit-record';
import { foldText } from './normalize';

/** What a side is: the owner of its value (a case, a lookout, a seized firearm's seizure) and the value as written. */
interface SuppressionSide { caseId: string | null; lookoutId?: string | null; seizureId?: string | null; value: string }

const ownerOf = (side: SuppressionSide): string =>
  side.caseId ? `case:${side.caseId}` : side.lookoutId ? `lookout:${side.lookoutId}` : `seizure:${side.seizureId ?? ''}`;

/** Accents, case, punctuation and spacing folded away: the same value re-entered in another writing still meets. */
const valueOf = (value: string): string => foldText(value).replace(/\s+/g, '');

/**
 * The key NO_CONFLICT suppresses (issue 17): the same pair of values between the same two owners, on the same kind of
 * match, in either order. Item ids are left out on purpose: re-entering a value makes a new item, and the coordinator
 * has already said that these two values in these two cases are no conflict.
 */
export function suppressionKey(matchType: string, a: SuppressionSide, b: SuppressionSide): string {
  const sides = [`${ownerOf(a)}=${valueOf(a.value)}`, `${ownerOf(b)}=${valueOf(b.value)}`].sort();
  return `${matchType}|${sides.join('|')}`;
}

export const suppressionKeyOfHit = (hit: HitRecord | NewHit): string => suppressionKey(hit.matchType, hit.a, hit.b);

export interface SuppressionRecord {
  id: string; hitId: string; matchType: string; note: string; createdBy: string; createdAt: string;
  liftedAt: string | null; liftedBy: string | null; liftReason: string | null;
}
interface SuppressionRow {
  id: string; hit_id: string; match_type: string; note: string; created_by: string; created_at: Date;
  lifted_at: Date | null; lifted_by: string | null; lift_reason: string | null;
}
const toRecord = (r: SuppressionRow): SuppressionRecord => ({
  id: r.id, hitId: r.hit_id, matchType: r.match_type, note: r.note, createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(), liftedAt: r.lifted_at ? new Date(r.lifted_at).toISOString() : null,
  liftedBy: r.lifted_by, liftReason: r.lift_reason,
});

/** The deconfliction_suppressions table: SQL only; who may list and lift is the service's and the API's. */
export class SuppressionRepository {
  /** The hit's live suppression; its id is fixed per hit and round, so a retried resolution writes it once. */
  async create(tx: EntityManager, hit: HitRecord, round: number, note: string, by: string, at: Date): Promise<string> {
    const id = uuidFrom(`suppression\n${hit.id}\n${round}`);
    await tx.query(
      `INSERT INTO deconfliction_suppressions (id, hit_id, value_key, match_type, note, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [id, hit.id, suppressionKeyOfHit(hit), hit.matchType, note, by, at]);
    return id;
  }

  /** The ids of the suppressions lifted now (none when the hit had no live one). */
  async lift(tx: EntityManager, hitId: string, by: string, reason: string, at: Date): Promise<string[]> {
    const rows = await query<{ id: string }>(tx,
      `UPDATE deconfliction_suppressions SET lifted_at = $2, lifted_by = $3, lift_reason = $4
       WHERE hit_id = $1 AND lifted_at IS NULL RETURNING id`, [hitId, at, by, reason]);
    return rows.map((r) => r.id);
  }

  /** New hits minus those a live suppression covers: what the matcher may raise. */
  async unsuppressed<T extends NewHit>(tx: EntityManager, hits: T[]): Promise<T[]> {
    if (hits.length === 0) return hits;
    const rows = await query<{ value_key: string }>(tx,
      `SELECT DISTINCT value_key FROM deconfliction_suppressions WHERE value_key = ANY($1::text[]) AND lifted_at IS NULL`,
      [hits.map(suppressionKeyOfHit)]);
    const suppressed = new Set(rows.map((r) => r.value_key));
    return hits.filter((h) => !suppressed.has(suppressionKeyOfHit(h)));
  }

  /** Newest first, keyset-paged on (created_at, id); `live` keeps only those not lifted. */
  async list(db: Db, live: boolean, limit: number, after?: { createdAt: Date; id: string }): Promise<SuppressionRecord[]> {
    const rows = await query<SuppressionRow>(db,
      `SELECT * FROM deconfliction_suppressions
       WHERE (NOT $1::boolean OR lifted_at IS NULL)
         AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [live, after?.createdAt ?? null, after?.id ?? null, limit]);
    return rows.map(toRecord);
  }
}
