import { DataSource } from 'typeorm';
import { assertDefined, queryOne } from '../db/sql';

export interface LockoutPolicy {
  /** Failures in a row (each within `lockoutMs` of the previous) that lock the username. */
  maxFailures: number;
  lockoutMs: number;
}

export type Reservation =
  /** This attempt may check its password; `locking` when it is the last one the limit allows. */
  | { kind: 'granted'; attempt: number; locking: boolean }
  | { kind: 'locked'; retryAfterSeconds: number };

interface AttemptRow { failures: number; last_failure_at: Date | null; locked_until: Date | null; now: Date }

const secondsUntil = (until: Date, now: Date): number => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
const CLEANUP_EVERY_MS = 60_000;

/**
 * Login attempts per username key (a keyed digest of the string, known or not: the answers never tell which usernames
 * exist, and no typed username is stored), in PostgreSQL so every API process sees the same count and lock.
 *
 * An attempt is counted as a failure BEFORE its password is checked (`reserve`, under the row's lock), and the attempt
 * that reaches the limit sets the lock as it reserves: however many guesses race, at most `maxFailures` passwords are
 * ever checked per run, and every attempt after the last reservation is refused without looking at its password.
 * A right password then clears the row (`succeeded`), the lock its own reservation set included.
 */
export class LoginLockout {
  private lastCleanup = 0;

  constructor(private readonly dataSource: DataSource, private readonly policy: LockoutPolicy) {}

  async reserve(key: string): Promise<Reservation> {
    this.cleanupSometimes();
    return this.dataSource.transaction(async (tx) => {
      // One upsert creates or locks the row and returns it: a separate SELECT could find it deleted by a concurrent
      // right password (`succeeded`) of the same user, which answered two simultaneous logins with a 500.
      const row = assertDefined(await queryOne<AttemptRow>(tx,
        `INSERT INTO login_attempts (username_key) VALUES ($1)
         ON CONFLICT (username_key) DO UPDATE SET username_key = EXCLUDED.username_key
         RETURNING failures, last_failure_at, locked_until, now() AS now`, [key],
      ), 'login attempts row');
      if (row.locked_until && row.locked_until > row.now) {
        return { kind: 'locked', retryAfterSeconds: secondsUntil(row.locked_until, row.now) } as const;
      }
      // A run of failures ends with a lock that has expired, or with a quiet spell as long as the lockout.
      const fresh = row.locked_until !== null || row.last_failure_at === null
        || row.now.getTime() - row.last_failure_at.getTime() > this.policy.lockoutMs;
      const attempt = (fresh ? 0 : row.failures) + 1;
      const locking = attempt >= this.policy.maxFailures;
      await tx.query(
        `UPDATE login_attempts SET failures = $2, last_failure_at = now(),
           locked_until = CASE WHEN $3 THEN now() + make_interval(secs => $4) ELSE NULL END
         WHERE username_key = $1`,
        [key, attempt, locking, this.policy.lockoutMs / 1000],
      );
      return { kind: 'granted', attempt, locking } as const;
    });
  }

  /** Seconds a lock set now lasts (the answer to the attempt that set it). */
  get lockoutSeconds(): number {
    return Math.ceil(this.policy.lockoutMs / 1000);
  }

  /** A successful login starts the count again. */
  async succeeded(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_attempts WHERE username_key = $1', [key]);
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
