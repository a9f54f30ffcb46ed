import { query, type Db } from '../db/sql';
import type { HitRecord, QueueFilter, QueueKey } from './hit-record';
import { type QueueRow, SELECT_HITS, toRecord } from './hit-rows';

/**
 * The watch desk's queue, urgent first (issue 17): open event conflicts by how soon the earlier operation starts,
 * then escalated hits, then the other open hits, then resolved ones, each oldest first. Keyset-paged on
 * (rank, at, id), so a page never repeats or skips a hit while others arrive.
 */
export async function queueHits(
  db: Db, filter: QueueFilter, limit: number, after?: QueueKey,
): Promise<(HitRecord & { queueKey: QueueKey })[]> {
  const params: unknown[] = [limit];
  const where: string[] = [];
  if (filter.status) { params.push(filter.status); where.push(`h.status = ANY($${params.length}::text[])`); }
  if (filter.matchType) { params.push(filter.matchType); where.push(`h.match_type = ANY($${params.length}::text[])`); }
  if (filter.tier) { params.push(filter.tier); where.push(`h.tier = ANY($${params.length}::text[])`); }
  if (filter.agency) { params.push(filter.agency); where.push(`(h.a_agency = $${params.length} OR h.b_agency = $${params.length})`); }
  if (filter.claimedBy === null) where.push('h.claimed_by IS NULL');
  else if (filter.claimedBy) { params.push(filter.claimedBy); where.push(`h.claimed_by = $${params.length}::uuid`); }
  const outer: string[] = [];
  if (after) {
    params.push(after.rank, after.at, after.id);
    const n = params.length;
    outer.push(`(q.queue_rank, q.queue_at, q.id) > ($${n - 2}::int, $${n - 1}::timestamptz, $${n}::uuid)`);
  }
  const rows = await query<QueueRow>(db,
    `SELECT q.* FROM (
       SELECT s.*,
         CASE WHEN s.status = 'OPEN' AND s.match_type = 'EVENT' THEN 0 WHEN s.status = 'ESCALATED' THEN 1
              WHEN s.status = 'OPEN' THEN 2 ELSE 3 END AS queue_rank,
         CASE WHEN s.status = 'OPEN' AND s.match_type = 'EVENT' THEN coalesce(s.event_starts_at, s.created_at)
              ELSE s.created_at END AS queue_at
       FROM (${SELECT_HITS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) s
     ) q ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
     ORDER BY q.queue_rank, q.queue_at, q.id LIMIT $1`,
    params,
  );
  return rows.map((r) => ({ ...toRecord(r), queueKey: { rank: Number(r.queue_rank), at: new Date(r.queue_at), id: r.id } }));
}
