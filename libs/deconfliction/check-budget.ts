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

/** Over a budget now (not too large): retry later. */
type Refusal = Extract<BudgetVerdict, { tooLarge: false }>;

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

  /** More values in one check than a budget ever allows (`charge`: the values, at least one): refused before any SQL. */
  tooLarge(charge: number): Extract<BudgetVerdict, { tooLarge: true }> | null {
    const p = this.periods().find((period) => charge > period.limit);
    return p ? { allowed: false, tooLarge: true, period: p.period, limit: p.limit } : null;
  }

  /** What CheckRepository.keep keeps a check within: it sums the user's checks after the budget lock and compares. */
  limits(): { hour: number; day: number } {
    return { hour: this.config.budgetPerHour, day: this.config.budgetPerDay };
  }

  /**
   * Why a check of `charge` values did not fit after `used` (read by the keep that refused it, at the check's time
   * `now`): the period whose window frees enough values last, and when.
   */
  async refusal(tx: EntityManager, userId: string, now: Date, used: { hour: number; day: number }, charge: number): Promise<Refusal> {
    let refusal: Refusal | null = null;
    for (const p of this.periods()) {
      const over = used[p.period] + charge - p.limit;
      if (over <= 0) continue;
      const retryAfterSeconds = await this.secondsUntilFreed(tx, userId, now, p.windowMs, over);
      if (!refusal || retryAfterSeconds > refusal.retryAfterSeconds) {
        refusal = { allowed: false, tooLarge: false, period: p.period, limit: p.limit, retryAfterSeconds };
      }
    }
    if (!refusal) throw new Error(`check of ${charge} refused within budget (used ${used.hour}/h, ${used.day}/day)`);
    return refusal;
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
