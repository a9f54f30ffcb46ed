import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CheckMatch } from './measure';

/**
 * One timed check of a kept run: its query and the API's answer, its matches as sorted JSON with sorted keys (neither
 * order is the contract), or null when the call failed (the bench then counts an empty answer: not one to compare).
 */
export interface KeptAnswer { query: string; answer: string[] | null }

/** Per kind, the kept run's checks in the order they ran. */
export type KeptAnswers = Record<string, KeptAnswer[]>;

const sortedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortedKeys(v)]));
};

/** Pure. A check in a form two runs compare by equality; `failed`: the API call failed. */
export const answerOf = (query: unknown, matches: CheckMatch[], failed: boolean): KeptAnswer => ({
  query: JSON.stringify(sortedKeys(query)),
  answer: failed ? null : matches.map((m) => JSON.stringify(sortedKeys(m))).sort(),
});

export interface Comparison { kind: string; same: number; different: number; otherQuery: number; failed: number }

/**
 * Pure. Per kind of `now`, its checks against `before`'s at the same position: the same query answered alike or not,
 * a check `before` ran another query at (or none), or a failed call on either side.
 */
export function compareAnswers(before: KeptAnswers, now: KeptAnswers): Comparison[] {
  return Object.entries(now).map(([kind, checks]) => {
    const counts: Comparison = { kind, same: 0, different: 0, otherQuery: 0, failed: 0 };
    checks.forEach((check, i) => {
      const old = before[kind]?.[i];
      if (old === undefined || old.query !== check.query) counts.otherQuery += 1;
      else if (old.answer === null || check.answer === null) counts.failed += 1;
      else if (JSON.stringify(old.answer) === JSON.stringify(check.answer)) counts.same += 1;
      else counts.different += 1;
    });
    return counts;
  });
}

/**
 * BENCH_ANSWERS=<file>: the first run writes its answers there; a later run on the same stack (another API build,
 * other server settings) compares its own with them, check by check.
 */
export function keepOrCompareAnswers(file: string, now: KeptAnswers): void {
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify(now));
    console.log(`answers written to ${file}`);
    return;
  }
  const before = JSON.parse(readFileSync(file, 'utf8')) as KeptAnswers;
  for (const c of compareAnswers(before, now)) {
    console.log(`${c.kind}: ${c.same} answers identical to ${file}, ${c.different} different, ` +
      `${c.otherQuery} checks of another query there, ${c.failed} failed on either side`);
  }
}
