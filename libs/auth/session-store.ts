import { DataSource, EntityManager } from 'typeorm';
import { query } from '../db/sql';
import { AuthUser, knownRoles } from './roles';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TOUCH_INTERVAL_MS = 10_000;
const MAX_REMEMBERED = 50_000;

/** What the session row says of a token's `jti`: its user (the only source of who the caller is) and whether it lives. */
/** A session that may only take one step before it becomes a full one (NULL scope). */
export type SessionScope = 'ENROL_SECOND_FACTOR' | 'CHANGE_PASSWORD';

export type SessionCheck =
  | { kind: 'live'; user: AuthUser; sessionId: string; scope: SessionScope | null }
  /** The session's user was disabled by an administrator. */
  | { kind: 'disabled'; user: AuthUser }
  /** The session exists but expired or sat idle past the timeout. */
  | { kind: 'ended'; user: AuthUser }
  | { kind: 'unknown' };

interface SessionUserRow {
  user_id: string; username: string; agency_code: string; roles: string[]; scope: SessionScope | null; disabled: boolean;
}

const SESSION_USER = 'u.id AS user_id, u.username, u.agency_code, u.roles, s.scope, u.disabled_at IS NOT NULL AS disabled';
const toUser = (row: SessionUserRow): AuthUser => ({
  userId: row.user_id, username: row.username, agency: row.agency_code, roles: knownRoles(row.roles),
});

/**
 * One row per issued token (`jti`) with its user and last activity, in PostgreSQL so every API process agrees. A token
 * unused for longer than the idle timeout is refused. To keep writes low each process writes `last_seen_at` at most
 * once per touch interval per token (10 s, or a third of the idle timeout when that is shorter): within it a token this
 * process has just confirmed passes without a query, with the user row read at that confirmation. So a session may end
 * up to one interval before the full idle timeout, never after it. A logout, a revocation or a change to the user is
 * announced on SESSION_CHANGE_CHANNEL in the same transaction; PostgreSQL delivers it at commit to every API process,
 * which forgets what it had confirmed (`forgetAnnounced`), so no process keeps accepting an ended session for the rest of
 * its interval.
 */
/** The PostgreSQL channel of `jti:<session>` and `user:<id>` announcements (see SessionStore). */
export const SESSION_CHANGE_CHANNEL = 'session_changes';

export class SessionStore {
  private readonly confirmed = new Map<string, { at: number; user: AuthUser; scope: SessionScope | null }>();
  private readonly touchIntervalMs: number;

  constructor(private readonly dataSource: DataSource, private readonly idleTimeoutMs: number) {
    this.touchIntervalMs = Math.min(MAX_TOUCH_INTERVAL_MS, Math.floor(idleTimeoutMs / 3));
  }

  async open(
    manager: EntityManager, jti: string, userId: string, ttlSeconds: number, scope: SessionScope | null = null, ip: string | null = null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO sessions (jti, user_id, last_seen_at, expires_at, scope, ip)
       VALUES ($1, $2, now(), now() + make_interval(secs => $3), $4, $5)`,
      [jti, userId, ttlSeconds, scope, ip],
    );
    // Sessions past their expiry are useless; a few go with each login so the table stays small.
    await manager.query(
      `DELETE FROM sessions WHERE jti IN (SELECT jti FROM sessions WHERE expires_at < now() - interval '1 minute' LIMIT 100)`,
    );
  }

  /** The session's user, and whether the session is live (then its activity is recorded). */
  async check(jti: unknown): Promise<SessionCheck> {
    if (typeof jti !== 'string' || !UUID.test(jti)) return { kind: 'unknown' };
    const now = Date.now();
    const seen = this.confirmed.get(jti);
    if (seen !== undefined && now - seen.at < this.touchIntervalMs) {
      return { kind: 'live', user: seen.user, sessionId: jti, scope: seen.scope };
    }
    // A disabled user's sessions are not live: the UPDATE skips them and the SELECT below says why.
    const live = await query<SessionUserRow>(
      this.dataSource,
      `UPDATE sessions s SET last_seen_at = now() FROM users u
       WHERE s.jti = $1 AND u.id = s.user_id AND u.disabled_at IS NULL
         AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2)
       RETURNING ${SESSION_USER}`,
      [jti, this.idleTimeoutMs / 1000],
    );
    if (live.length > 0) {
      const user = toUser(live[0]);
      this.remember(jti, now, user, live[0].scope);
      return { kind: 'live', user, sessionId: jti, scope: live[0].scope };
    }
    this.confirmed.delete(jti);
    const ended = await query<SessionUserRow>(this.dataSource,
      `SELECT ${SESSION_USER} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.jti = $1`, [jti],
    );
    if (ended.length === 0) return { kind: 'unknown' };
    return { kind: ended[0].disabled ? 'disabled' : 'ended', user: toUser(ended[0]) };
  }

  /** True when the session is live (see `check`); records the activity. */
  async touch(jti: unknown): Promise<boolean> {
    return (await this.check(jti)).kind === 'live';
  }

  /** Ends a session now: its token is refused from here on, by every API process once the transaction commits. */
  async revoke(manager: EntityManager, jti: string): Promise<void> {
    this.confirmed.delete(jti);
    await manager.query('DELETE FROM sessions WHERE jti = $1', [jti]);
    await announce(manager, `jti:${jti}`);
  }

  /** Ends every session of a user (disabled, password or factor reset); returns how many ended. */
  async revokeAllOf(manager: EntityManager, userId: string): Promise<number> {
    const rows = await query<{ jti: string }>(manager, 'DELETE FROM sessions WHERE user_id = $1 RETURNING jti', [userId]);
    for (const row of rows) this.confirmed.delete(row.jti);
    await announce(manager, `user:${userId}`);
    return rows.length;
  }

  /** Forgets what every API process confirmed of a user's sessions, so a change to the user (disabled) is seen at once. */
  async forgetUser(manager: EntityManager, userId: string): Promise<void> {
    this.forgetLocally(userId);
    await announce(manager, `user:${userId}`);
  }

  /** Another process (or this one) announced a session's end or a user's change: confirm it afresh at its next use. */
  forgetAnnounced(payload: string): void {
    if (payload.startsWith('jti:')) this.confirmed.delete(payload.slice(4));
    else if (payload.startsWith('user:')) this.forgetLocally(payload.slice(5));
  }

  /** Everything confirmed so far is checked afresh: for a process that may have missed announcements. */
  forgetAll(): void {
    this.confirmed.clear();
  }

  private forgetLocally(userId: string): void {
    for (const [jti, entry] of this.confirmed) if (entry.user.userId === userId) this.confirmed.delete(jti);
  }

  /** The step a restricted session was waiting for is done: it becomes `scope` (NULL: a full session). */
  async rescope(manager: EntityManager, jti: string, scope: SessionScope | null): Promise<void> {
    this.confirmed.delete(jti);
    await manager.query('UPDATE sessions SET scope = $2 WHERE jti = $1', [jti, scope]);
  }

  private remember(jti: string, at: number, user: AuthUser, scope: SessionScope | null): void {
    if (this.confirmed.size >= MAX_REMEMBERED) {
      for (const [key, entry] of this.confirmed) if (at - entry.at >= this.touchIntervalMs) this.confirmed.delete(key);
      if (this.confirmed.size >= MAX_REMEMBERED) this.confirmed.clear();
    }
    this.confirmed.set(jti, { at, user, scope });
  }
}

/** Delivered by PostgreSQL at commit, and not at all on rollback: no process forgets for a change that did not happen. */
async function announce(manager: EntityManager, payload: string): Promise<void> {
  await manager.query('SELECT pg_notify($1, $2)', [SESSION_CHANGE_CHANNEL, payload]);
}
