import { DataSource, EntityManager } from 'typeorm';
import { query, queryOne } from '../db/sql';
import type { SnapshotHorizon } from './stream-cursor';

/** The channel the API listens on; the payload is the recipient's user id, the rows themselves stay in the table. */
export const NOTIFICATION_CHANNEL = 'casecoord_notifications';

export interface NotificationInput {
  userId: string;
  kind: string;
  entityType: string;
  entityId: string;
  payload: Record<string, unknown>;
  /** One notification per (recipient, event): a retried activity notifies nobody twice. */
  dedupKey: string;
}

export interface NotificationRecord {
  id: string;
  kind: string;
  entityType: string;
  entityId: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

interface NotificationRow {
  id: string; kind: string; entity_type: string; entity_id: string; payload: Record<string, unknown>; created_at: Date;
}

/**
 * Notifications are rows per recipient, written in the transaction of the change they announce; pg_notify is
 * delivered on commit, so a stream never announces a change that was rolled back, and a client that polls with
 * `since` sees exactly what the stream would have shown. This is the notifications context's repository: each
 * context's service decides whom to tell. (Its name predates the shape; the API, the worker and every service hold one.)
 */
export class NotificationStore {
  constructor(private readonly dataSource: DataSource) {}

  async push(tx: EntityManager, items: NotificationInput[]): Promise<void> {
    if (items.length === 0) return;
    // One statement: the announcement (delivered at commit) goes with the rows, to each user who got a new one.
    await tx.query(
      `WITH pushed AS (
         INSERT INTO notifications (user_id, kind, entity_type, entity_id, payload, dedup_key)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[])
         ON CONFLICT (user_id, dedup_key) DO NOTHING RETURNING user_id)
       SELECT pg_notify($7, u) FROM (SELECT DISTINCT user_id::text AS u FROM pushed) AS users`,
      [items.map((i) => i.userId), items.map((i) => i.kind), items.map((i) => i.entityType), items.map((i) => i.entityId),
        items.map((i) => JSON.stringify(i.payload)), items.map((i) => i.dedupKey), NOTIFICATION_CHANNEL],
    );
  }

  /** Users holding a role (e.g. every deconfliction coordinator: the watch desk is joint), in any agency or in these. */
  async usersWithRole(tx: EntityManager, role: string, agencies?: string[]): Promise<string[]> {
    const rows = agencies === undefined
      ? await query<{ id: string }>(tx, 'SELECT id FROM users WHERE $1 = ANY(roles)', [role])
      : await query<{ id: string }>(tx, 'SELECT id FROM users WHERE $1 = ANY(roles) AND agency_code = ANY($2::text[])', [role, agencies]);
    return rows.map((r) => r.id);
  }

  /** After `afterId`, oldest first (the inbox's pages). */
  async since(userId: string, afterId: string, limit: number): Promise<NotificationRecord[]> {
    return (await this.forStream(userId, afterId, limit, [])).items;
  }

  /**
   * After `afterId`, oldest first, leaving out `skip` (ids a stream already sent above its safe point), with the
   * horizon of the snapshot the rows were read in (see StreamCursor). One statement, so one snapshot: a horizon read
   * by a second statement could see a transaction end that this read did not see commit, and the cursor would then
   * move past its row without ever sending it.
   */
  async forStream(userId: string, afterId: string, limit: number, skip: string[]): Promise<{ items: NotificationRecord[]; horizon: SnapshotHorizon }> {
    const rows = await query<Partial<NotificationRow> & { xmin: string; xmax: string }>(this.dataSource,
      `SELECT pg_snapshot_xmin(s)::text AS xmin, pg_snapshot_xmax(s)::text AS xmax, n.*
       FROM pg_current_snapshot() AS s
       LEFT JOIN LATERAL (
         SELECT id, kind, entity_type, entity_id, payload, created_at FROM notifications
         WHERE user_id = $1 AND id > $2 AND id <> ALL($4::bigint[]) ORDER BY id LIMIT $3
       ) AS n ON true
       ORDER BY n.id`,
      [userId, afterId, limit, skip],
    );
    const horizon = { xmin: BigInt(rows[0].xmin), xmax: BigInt(rows[0].xmax) };
    const items = rows.filter((r) => r.id !== null && r.id !== undefined).map((r) => ({
      id: String(r.id), kind: r.kind!, entityType: r.entity_type!, entityId: r.entity_id!, payload: r.payload!,
      createdAt: new Date(r.created_at!).toISOString(),
    }));
    return { items, horizon };
  }

  /** The id just before the first notification at or after a time, for clients that poll with a timestamp. */
  async idBefore(userId: string, at: Date): Promise<string> {
    const row = await queryOne<{ id: string | null }>(this.dataSource,
      'SELECT max(id) AS id FROM notifications WHERE user_id = $1 AND created_at < $2', [userId, at],
    );
    return String(row?.id ?? 0);
  }
}
