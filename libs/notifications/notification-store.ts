import { DataSource, EntityManager } from 'typeorm';
import { query, queryOne } from '../db/sql';
import { advance, parseSnapshot, ReadPoint } from './read-point';

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

/** A read's rows, each with the point a reader stands at once given it, and the point after the whole read. */
export interface ReadResult { items: { record: NotificationRecord; point: ReadPoint }[]; point: ReadPoint }

const COLUMNS = 'id, kind, entity_type, entity_id, payload, created_at';

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
    // push_notifications (migration KeepCheckInOneCall) is the one definition of a push; keep_check calls it too.
    await tx.query('SELECT push_notifications($1, $2, $3, $4, $5::jsonb[], $6, $7)', [items.map((i) => i.userId), items.map((i) => i.kind),
      items.map((i) => i.entityType), items.map((i) => i.entityId), items.map((i) => JSON.stringify(i.payload)), items.map((i) => i.dedupKey),
      NOTIFICATION_CHANNEL]);
  }

  /** Users holding a role (e.g. every deconfliction coordinator: the watch desk is joint), in any agency or in these. */
  async usersWithRole(tx: EntityManager, role: string, agencies?: string[]): Promise<string[]> {
    const rows = agencies === undefined
      ? await query<{ id: string }>(tx, 'SELECT id FROM users WHERE $1 = ANY(roles)', [role])
      : await query<{ id: string }>(tx, 'SELECT id FROM users WHERE $1 = ANY(roles) AND agency_code = ANY($2::text[])', [role, agencies]);
    return rows.map((r) => r.id);
  }

  /**
   * Up to `limit` rows still owed after `from`, oldest id first, each with the point after it (see ReadPoint), and the
   * point after them all. One statement, so one snapshot: the rows and the snapshot recorded with them agree, and a
   * row whose transaction the snapshot did not see is found by the next read from that point (by its `xid`).
   */
  async read(userId: string, from: ReadPoint, limit: number): Promise<ReadResult> {
    const seen = from.seen ?? { xmin: 1n, xmax: 1n, running: [] };
    const rows = await query<Partial<NotificationRow> & { snapshot: string }>(this.dataSource,
      `SELECT s.snapshot, n.*
       FROM (SELECT pg_current_snapshot()::text AS snapshot) AS s
       LEFT JOIN LATERAL (
         (SELECT ${COLUMNS} FROM notifications
          WHERE $4::boolean AND user_id = $1 AND id <= $2 AND xid >= $5::xid8 AND (xid >= $6::xid8 OR xid = ANY($7::xid8[]))
            AND id <> ALL($8::bigint[])
          ORDER BY id LIMIT $3)
         UNION ALL
         (SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3)
       ) AS n ON true
       ORDER BY n.id`,
      [userId, String(from.lastId), limit + 1, from.seen !== null, String(seen.xmin), String(seen.xmax),
        seen.running.map(String), from.alsoGiven.map(String)],
    );
    const found = rows.filter((r) => r.id !== null && r.id !== undefined).map((r) => ({
      id: BigInt(r.id!), record: {
        id: String(r.id), kind: r.kind!, entityType: r.entity_type!, entityId: r.entity_id!, payload: r.payload!,
        createdAt: new Date(r.created_at!).toISOString(),
      },
    }));
    const lateAll = found.filter((r) => r.id <= from.lastId).length <= limit;
    const { after, point } = advance(from, found.slice(0, limit), parseSnapshot(rows[0].snapshot), lateAll);
    return { items: after.map(({ row, point: at }) => ({ record: row.record, point: at })), point };
  }

  /**
   * The point just before the first notification at or after a time, for clients that start from a time: with the
   * snapshot it was read in, so a row from before that time whose transaction is still running is owed, not skipped.
   */
  async pointBefore(userId: string, at: Date): Promise<ReadPoint> {
    const row = await queryOne<{ id: string | null; snapshot: string }>(this.dataSource,
      `SELECT (SELECT max(id) FROM notifications WHERE user_id = $1 AND created_at < $2) AS id,
              pg_current_snapshot()::text AS snapshot`, [userId, at],
    );
    return { lastId: BigInt(row?.id ?? 0), seen: parseSnapshot(row!.snapshot), alsoGiven: [] };
  }
}
