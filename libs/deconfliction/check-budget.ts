import type { EntityManager } from 'typeorm';
import { CheckConfig, DAY_MS, HOUR_MS } from './check-config';

export type BudgetPeriod = 'hour' | 'day';

export type BudgetVerdict =
  | { allowed: true }
  /** Over a budget now: retry when enough earlier checks have left its window. */
  | { allowed: false; tooLarge: false; period: BudgetPeriod; limit: number; retryAfterSeconds: number }
  /** More values in one check than the budget ever allows: no wait helps, the check must be split. */
  | { allowed: false; tooLarge: true; period: BudgetPeriod; limit: number };

/** Lock namespace of the per-user budget (other advisory locks use 7240001 and 7240002). */
const BUDGET_LOCK_SEED = 7_240_010;

/**
 * The per-user check budget, counted in PostgreSQL from the kept checks themselves, so every API process sees the same
 * count and a restart forgets nothing. The unit is the checked value, not the request: a request carries up to 200
 * values, so counting requests would let a grid of 200 points cost one. Windows slide (the last hour, the last 24
 * hours): a fixed window would allow twice the budget across its boundary.
 */
export class CheckBudget {
  constructor(private readonly config: CheckConfig) {}

  private periods(): { period: BudgetPeriod; limit: number; windowMs: number }[] {
    return [
      { period: 'hour', limit: this.config.budgetPerHour, windowMs: HOUR_MS },
      { period: 'day', limit: this.config.budgetPerDay, windowMs: DAY_MS },
    ];
  }

  /**
   * Decides whether `items` more values fit. Holds the user's lock until the transaction ends, so the caller must
   * insert the check (its `items` is the charge) in the same transaction: two concurrent checks of one user cannot
   * both fit in the last unit of budget.
   */
  async evaluate(tx: EntityManager, userId: string, items: number, now: Date): Promise<BudgetVerdict> {
    const charge = Math.max(1, items);
    const tooLarge = this.periods().find((p) => charge > p.limit);
    if (tooLarge) return { allowed: false, tooLarge: true, period: tooLarge.period, limit: tooLarge.limit };
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, $2))', [`check-budget:${userId}`, BUDGET_LOCK_SEED]);
    const [used]: { hour: string; day: string }[] = await tx.query(
      `SELECT coalesce(sum(items) FILTER (WHERE checked_at > $2::timestamptz - interval '1 hour'), 0) AS hour,
              coalesce(sum(items), 0) AS day
       FROM deconfliction_checks WHERE user_id = $1 AND checked_at > $2::timestamptz - interval '24 hours'`,
      [userId, now],
    );
    let refusal: BudgetVerdict = { allowed: true };
    for (const p of this.periods()) {
      const over = Number(used[p.period]) + charge - p.limit;
      if (over <= 0) continue;
      const retryAfterSeconds = await this.secondsUntilFreed(tx, userId, now, p.windowMs, over);
      if (refusal.allowed || (!refusal.tooLarge && retryAfterSeconds > refusal.retryAfterSeconds)) {
        refusal = { allowed: false, tooLarge: false, period: p.period, limit: p.limit, retryAfterSeconds };
      }
    }
    return refusal;
  }

  /**
   * A refusal is audited once per window and period, not once per refused request (a script hammering the endpoint
   * must not flood the audit chain): true for the first refusal since the window last began.
   */
  async firstRefusalInWindow(tx: EntityManager, userId: string, period: BudgetPeriod, now: Date): Promise<boolean> {
    const windowMs = period === 'hour' ? HOUR_MS : DAY_MS;
    const rows = await tx.query(
      `INSERT INTO deconfliction_check_refusals AS r (user_id, period, reported_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, period) DO UPDATE SET reported_at = EXCLUDED.reported_at
       WHERE r.reported_at <= EXCLUDED.reported_at - $4 * interval '1 millisecond'
       RETURNING 1`,
      [userId, period, now, windowMs],
    );
    return rows.length > 0;
  }

  /** The oldest checks leave the window first: when have enough of them left that `over` values are free again? */
  private async secondsUntilFreed(tx: EntityManager, userId: string, now: Date, windowMs: number, over: number): Promise<number> {
    const since = new Date(now.getTime() - windowMs);
    const rows: { checked_at: Date }[] = await tx.query(
      `SELECT checked_at FROM (
         SELECT checked_at, sum(items) OVER (ORDER BY checked_at, id) AS freed
         FROM deconfliction_checks WHERE user_id = $1 AND checked_at > $2) AS running
       WHERE freed >= $3 ORDER BY checked_at LIMIT 1`,
      [userId, since, over],
    );
    const freedAt = rows[0] ? new Date(rows[0].checked_at).getTime() + windowMs : now.getTime() + windowMs;
    return Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
  }
}
