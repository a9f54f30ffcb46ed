import type { DataSource } from 'typeorm';
import { queryOnePrepared } from '../db/sql';

/** Why a session no longer carries a stream: logged out or revoked (its row is gone or marked), expired, idle, disabled. */
export type SessionEnd = 'ended' | 'expired' | 'idle' | 'disabled';

/**
 * A long-lived response (the notification stream) outlives the request that authenticated it, so it asks the session
 * row again from time to time. It only reads: an open stream is not the user's activity, so it never moves
 * `last_seen_at`, and a console left open with nobody at it ends at the idle timeout like any other session.
 */
export class StreamSessions {
  constructor(private readonly dataSource: DataSource, private readonly idleTimeoutMs: number) {}

  /** Null while the session may go on streaming, else why it may not. */
  async endReason(jti: string): Promise<SessionEnd | null> {
    // Revocation and disabling are read through to_jsonb, so a `revoked_at` on sessions or a `disabled` /
    // `disabled_at` on users ends streams as soon as such a column exists, without this query naming it.
    // Prepared (queryPrepared): every open stream asks it, and its planning cost more than its execution.
    const row = await queryOnePrepared<{ expired: boolean; idle: boolean; revoked: boolean; disabled: boolean }>(this.dataSource,
      `SELECT s.expires_at <= now() AS expired,
              s.last_seen_at <= now() - make_interval(secs => $2) AS idle,
              (to_jsonb(s) ->> 'revoked_at') IS NOT NULL AS revoked,
              u.id IS NULL OR coalesce(to_jsonb(u) ->> 'disabled', 'false') <> 'false'
                OR (to_jsonb(u) ->> 'disabled_at') IS NOT NULL AS disabled
         FROM sessions s LEFT JOIN users u ON u.id = s.user_id
        WHERE s.jti = $1`,
      [jti, this.idleTimeoutMs / 1000],
    );
    if (!row || row.revoked) return 'ended';
    if (row.disabled) return 'disabled';
    if (row.expired) return 'expired';
    return row.idle ? 'idle' : null;
  }
}
