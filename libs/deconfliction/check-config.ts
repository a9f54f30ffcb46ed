import { parseDuration } from '../config/duration';

/** How much checking a user may do, and when repeated checks become a pattern the watch desks must hear about. */
export interface CheckConfig {
  /** Values (subjects, identifiers, firearms, operations) one user may check in any hour, and in any 24 hours. */
  budgetPerHour: number;
  budgetPerDay: number;
  /** This many checks by one agency meeting the same item of another agency within the window raise an alert. */
  patternThreshold: number;
  patternWindowMs: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/**
 * Read once at start (the API refuses to start on a bad value). There is no "off": a check without a budget is the
 * oracle issue 22 describes; benchmarks and test stacks set a high one instead.
 */
export function loadCheckConfig(env: NodeJS.ProcessEnv = process.env): CheckConfig {
  const window = parseDuration(env.CHECK_PATTERN_WINDOW || '24h');
  if (window <= 0) throw new Error(`CHECK_PATTERN_WINDOW must be a positive duration, got "${env.CHECK_PATTERN_WINDOW}"`);
  return {
    budgetPerHour: positiveInt(env, 'CHECK_BUDGET_PER_HOUR', 60),
    budgetPerDay: positiveInt(env, 'CHECK_BUDGET_PER_DAY', 300),
    patternThreshold: Math.max(2, positiveInt(env, 'CHECK_PATTERN_THRESHOLD', 5)),
    patternWindowMs: window,
  };
}
