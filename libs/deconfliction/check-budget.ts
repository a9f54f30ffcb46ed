import type { EntityManager } from 'typeorm';
import { CheckConfig, DAY_MS, HOUR_MS } from './check-config';
import type { CheckRepository } from './check.repository';

export type BudgetPeriod = 'hour' | 'day';

export type BudgetVerdict =
  | { allowed: true }
  /** Over a budget now: retry when enough earlier checks have left its window. */
  | { allowed: false; tooLarge: false; period: BudgetPeriod; limit: number; retryAfterSeconds: number }
  /** More values in one check than the budget ever allows: no wait helps, the check must be split. */
  | { allowed: false; tooLarge: true; period: BudgetPeriod; limit: number };

/**
 * The per-user check budget, counted in PostgreSQL from the kept checks themselves, so every API process sees the same
 * count and a restart forgets nothing. The unit is the checked value, not the request: a request carries up to 200
 * values, so counting requests would let a grid of 200 points cost one. Windows slide (the last hour, the last 24
 * hours): a fixed window would allow twice the budget across its boundary.
 */
export class CheckBudget {
  constructor(private readonly config: CheckConfig, private readonly records: CheckRepository) {}

  private periods(): { period: BudgetPeriod; limit: number; windowMs: number }[] {
    return [
      { period: 'hour', limit: this.config.budgetPerHour, windowMs: HOUR_MS },
      { period: 'day', limit: this.config.budgetPerDay, windowMs: DAY_MS },
    ];
  }

  /**
   * Decides whether `items` more values fit, at the transaction's time (returned: the check is recorded at it). Takes
   * the user's lock until the transaction ends, so the caller must insert the check (its `items` is the charge) in the
   * same transaction: two concurrent checks of one user cannot both fit in the last unit of budget.
   */
  async evaluate(tx: EntityManager, userId: string, items: number): Promise<{ verdict: BudgetVerdict; now: Date }> {
    const now = await this.records.lockBudget(tx, userId);
    const charge = Math.max(1, items);
    const tooLarge = this.periods().find((p) => charge > p.limit);
    if (tooLarge) return { verdict: { allowed: false, tooLarge: true, period: tooLarge.period, limit: tooLarge.limit }, now };
    // After the lock, in its own statement: its snapshot then sees every check that held the lock before.
    const used = await this.records.itemsChecked(tx, userId, now);
    let refusal: BudgetVerdict = { allowed: true };
    for (const p of this.periods()) {
      const over = used[p.period] + charge - p.limit;
      if (over <= 0) continue;
      const retryAfterSeconds = await this.secondsUntilFreed(tx, userId, now, p.windowMs, over);
      if (refusal.allowed || (!refusal.tooLarge && retryAfterSeconds > refusal.retryAfterSeconds)) {
        refusal = { allowed: false, tooLarge: false, period: p.period, limit: p.limit, retryAfterSeconds };
      }
    }
    return { verdict: refusal, now };
  }

  /**
   * A refusal is audited once per window and period, not once per refused request (a script hammering the endpoint
   * must not flood the audit chain): true for the first refusal since the window last began.
   */
  async firstRefusalInWindow(tx: EntityManager, userId: string, period: BudgetPeriod, now: Date): Promise<boolean> {
    const windowMs = period === 'hour' ? HOUR_MS : DAY_MS;
    return this.records.reportRefusal(tx, userId, period, now, windowMs);
  }

  /** The oldest checks leave the window first: when have enough of them left that `over` values are free again? */
  private async secondsUntilFreed(tx: EntityManager, userId: string, now: Date, windowMs: number, over: number): Promise<number> {
    const freeing = await this.records.checkFreeing(tx, userId, new Date(now.getTime() - windowMs), over);
    const freedAt = (freeing ?? now).getTime() + windowMs;
    return Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
  }
}
