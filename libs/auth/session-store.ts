import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '../db/update-returning';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TOUCH_INTERVAL_MS = 10_000;
const MAX_REMEMBERED = 50_000;

/**
 * One row per issued token (`jti`) with its last activity, in PostgreSQL so every API process agrees. A token unused
 * for longer than the idle timeout is refused. To keep writes low each process writes `last_seen_at` at most once per
 * touch interval per token (10 s, or a third of the idle timeout when that is shorter): within it a token this process
 * has just confirmed passes without a query. So a session may end up to one interval before the full idle timeout,
 * never after it.
 */
export class SessionStore {
  private readonly confirmed = new Map<string, number>();
  private readonly touchIntervalMs: number;

  constructor(private readonly dataSource: DataSource, private readonly idleTimeoutMs: number) {
    this.touchIntervalMs = Math.min(MAX_TOUCH_INTERVAL_MS, Math.floor(idleTimeoutMs / 3));
  }

  async open(manager: EntityManager, jti: string, userId: string, ttlSeconds: number): Promise<void> {
    await manager.query(
      `INSERT INTO sessions (jti, user_id, last_seen_at, expires_at) VALUES ($1, $2, now(), now() + make_interval(secs => $3))`,
      [jti, userId, ttlSeconds],
    );
    // Sessions past their expiry are useless; a few go with each login so the table stays small.
    await manager.query(
      `DELETE FROM sessions WHERE jti IN (SELECT jti FROM sessions WHERE expires_at < now() - interval '1 minute' LIMIT 100)`,
    );
  }

  /** True when the session exists, has not expired and was active within the idle timeout; records the activity. */
  async touch(jti: unknown): Promise<boolean> {
    if (typeof jti !== 'string' || !UUID.test(jti)) return false;
    const now = Date.now();
    const seen = this.confirmed.get(jti);
    if (seen !== undefined && now - seen < this.touchIntervalMs) return true;
    const rows = await updateReturning(
      this.dataSource.manager,
      `UPDATE sessions SET last_seen_at = now()
       WHERE jti = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(secs => $2)
       RETURNING jti`,
      [jti, this.idleTimeoutMs / 1000],
    );
    if (rows.length === 0) {
      this.confirmed.delete(jti);
      return false;
    }
    this.remember(jti, now);
    return true;
  }

  private remember(jti: string, at: number): void {
    if (this.confirmed.size >= MAX_REMEMBERED) {
      for (const [key, when] of this.confirmed) if (at - when >= this.touchIntervalMs) this.confirmed.delete(key);
      if (this.confirmed.size >= MAX_REMEMBERED) this.confirmed.clear();
    }
    this.confirmed.set(jti, at);
  }
}
