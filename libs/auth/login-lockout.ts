import { DataSource } from 'typeorm';

export interface LockoutPolicy {
  /** Failures in a row (each within `lockoutMs` of the previous) that lock the username. */
  maxFailures: number;
  lockoutMs: number;
}

export type FailureOutcome =
  | { kind: 'counted'; failures: number }
  | { kind: 'locked'; retryAfterSeconds: number }
  /** Another attempt locked the username while this one was checking the password. */
  | { kind: 'already_locked'; retryAfterSeconds: number };

interface AttemptRow { failures: number; last_failure_at: Date | null; locked_until: Date | null; now: Date }

const secondsUntil = (until: Date, now: Date): number => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
const CLEANUP_EVERY_MS = 60_000;

/**
 * Failed logins per username string, in PostgreSQL so every API process sees the same count and lock. Unknown
 * usernames are counted and locked exactly like real ones: the answers never tell which usernames exist.
 */
export class LoginLockout {
  private lastCleanup = 0;

  constructor(private readonly dataSource: DataSource, private readonly policy: LockoutPolicy) {}

  /** Seconds until the username's lock ends, or 0 when it is not locked. */
  async lockedFor(username: string): Promise<number> {
    const rows: { locked_until: Date; now: Date }[] = await this.dataSource.query(
      'SELECT locked_until, now() AS now FROM login_attempts WHERE username = $1 AND locked_until > now()', [username],
    );
    return rows.length === 0 ? 0 : secondsUntil(rows[0].locked_until, rows[0].now);
  }

  /** Counts a failure under the row's lock, so concurrent guesses are all counted and lock exactly once. */
  async recordFailure(username: string): Promise<FailureOutcome> {
    this.cleanupSometimes();
    return this.dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO login_attempts (username) VALUES ($1) ON CONFLICT (username) DO NOTHING', [username]);
      const [row]: AttemptRow[] = await tx.query(
        'SELECT failures, last_failure_at, locked_until, now() AS now FROM login_attempts WHERE username = $1 FOR UPDATE', [username],
      );
      if (row.locked_until && row.locked_until > row.now) {
        return { kind: 'already_locked', retryAfterSeconds: secondsUntil(row.locked_until, row.now) };
      }
      // A run of failures ends with a lock that has expired, or with a quiet spell as long as the lockout.
      const fresh = row.locked_until !== null || row.last_failure_at === null
        || row.now.getTime() - row.last_failure_at.getTime() > this.policy.lockoutMs;
      const failures = (fresh ? 0 : row.failures) + 1;
      const lock = failures >= this.policy.maxFailures;
      await tx.query(
        `UPDATE login_attempts SET failures = $2, last_failure_at = now(),
           locked_until = CASE WHEN $3 THEN now() + make_interval(secs => $4) ELSE NULL END
         WHERE username = $1`,
        [username, failures, lock, this.policy.lockoutMs / 1000],
      );
      return lock ? { kind: 'locked', retryAfterSeconds: Math.ceil(this.policy.lockoutMs / 1000) } : { kind: 'counted', failures };
    });
  }

  /** A successful login starts the count again. */
  async recordSuccess(username: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_attempts WHERE username = $1', [username]);
  }

  /** Rows of usernames that stopped failing long ago (most are guesses) are dropped, at most once a minute. */
  private cleanupSometimes(): void {
    if (Date.now() - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = Date.now();
    this.dataSource.query(
      `DELETE FROM login_attempts WHERE last_failure_at < now() - make_interval(secs => $1)
         AND (locked_until IS NULL OR locked_until < now())`,
      [(2 * this.policy.lockoutMs) / 1000],
    ).catch(() => undefined);
  }
}
