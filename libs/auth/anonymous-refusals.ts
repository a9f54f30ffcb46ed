import { DataSource } from 'typeorm';
import { AuditStore } from '../audit/audit-store';
import { query } from '../db/sql';

interface CounterRow { ip: string; window_start: Date; window_end: Date; count: string; routes: string[] }

const BATCH = 100;
const MAX_ROUTES = 5;

/**
 * Requests refused for want of a valid token, counted per source address and window in PostgreSQL (one upsert each,
 * no audit append: a flood of them must not grow the audit chain by a row a request). `flush` moves finished windows
 * into the chain as one `access.denied_anonymous` entry each, deleting the counter row in the transaction that appends
 * the entry: with several API processes flushing, each count reaches the chain exactly once. Windows follow
 * PostgreSQL's clock, so every process counts into the same rows.
 */
export class AnonymousRefusals {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditStore, readonly windowMs: number) {}

  /** Counts one refusal; keeps the first few distinct routes as samples. */
  async count(ip: string, route: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO anonymous_refusals AS r (ip, window_start, window_end, count, routes)
       SELECT $1::text, w.start, w.start + make_interval(secs => $2::double precision), 1, ARRAY[$3::text]
         FROM (SELECT to_timestamp(floor(extract(epoch FROM now()) / $2::double precision) * $2::double precision) AS start) w
       ON CONFLICT (ip, window_start, window_end) DO UPDATE SET count = r.count + 1,
         routes = CASE WHEN $3::text = ANY (r.routes) OR cardinality(r.routes) >= ${MAX_ROUTES} THEN r.routes ELSE r.routes || $3::text END`,
      [ip, this.windowMs / 1000, route],
    );
  }

  /**
   * Appends the finished windows (every window with `everything`, as a process stops: a window it leaves open and
   * another process keeps counting then reaches the chain as two entries, with every refusal in exactly one).
   */
  async flush(everything = false): Promise<number> {
    let flushed = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (tx) => {
        const rows = await query<CounterRow>(tx,
          `SELECT ip, window_start, window_end, count, routes FROM anonymous_refusals
            WHERE $1::boolean OR window_end <= now() ORDER BY window_start LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [everything],
        );
        for (const row of rows) {
          await tx.query(
            'DELETE FROM anonymous_refusals WHERE ip = $1 AND window_start = $2 AND window_end = $3',
            [row.ip, row.window_start, row.window_end],
          );
          await this.audit.append({
            actor: 'anonymous', agency: null, action: 'access.denied_anonymous', entityType: 'address', entityId: row.ip,
            details: {
              ip: row.ip, windowStart: row.window_start.toISOString(),
              windowSeconds: Math.round((row.window_end.getTime() - row.window_start.getTime()) / 1000),
              count: Number(row.count), routes: row.routes, reason: 'unauthenticated',
            },
          }, tx);
        }
        return rows.length;
      });
      flushed += batch;
      if (batch < BATCH) return flushed;
    }
  }
}
