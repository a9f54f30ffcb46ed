import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CheckMatch } from './measure';

/** Per kind, each timed check's answer through the API, its matches as sorted JSON (the order is not the contract). */
export type KeptAnswers = Record<string, string[][]>;

/** Pure. A check's answer in a form two runs compare by equality. */
export const answerOf = (matches: CheckMatch[]): string[] => matches.map((m) => JSON.stringify(m)).sort();

/** Pure. How many of `now`'s answers equal `before`'s, kind by kind (a kind `before` lacks compares none). */
export function sameAnswers(before: KeptAnswers, now: KeptAnswers): { kind: string; same: number; of: number }[] {
  return Object.entries(now).map(([kind, answers]) => ({
    kind, of: answers.length,
    same: answers.filter((a, i) => JSON.stringify(a) === JSON.stringify(before[kind]?.[i])).length,
  }));
}

/**
 * BENCH_ANSWERS=<file>: the first run writes its answers there; a later run on the same stack (another API build,
 * other server settings) compares its own with them and prints how many are identical.
 */
export function keepOrCompareAnswers(file: string, now: KeptAnswers): void {
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify(now));
    console.log(`answers written to ${file}`);
    return;
  }
  const before = JSON.parse(readFileSync(file, 'utf8')) as KeptAnswers;
  for (const { kind, same, of } of sameAnswers(before, now)) console.log(`${kind}: ${same} of ${of} answers identical to ${file}`);
}
