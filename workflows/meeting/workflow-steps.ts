import { condition } from '@temporalio/workflow';

/**
 * Runs workflow steps one at a time, in arrival order (updates and timer-driven steps alike), and says whether any is
 * still queued or running, so a step always sees the state the previous one left and a run never continues as new
 * in the middle of one.
 */
export function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      pending += 1;
      const result = tail.then(work, work);
      tail = result.then(() => { pending -= 1; }, () => { pending -= 1; });
      return result;
    },
    idle: (): boolean => pending === 0,
  };
}

/** The longest single timer a clock arms; a later deadline is reached in several (server durations are bounded). */
const MAX_TIMER_MS = 365 * 86_400_000;

/**
 * Waits until `fn` holds (true) or the workflow clock reaches `deadline` (false), like `condition(fn, timeout)` but
 * for deadlines of any distance.
 */
export async function untilOrDeadline(fn: () => boolean, deadline: number): Promise<boolean> {
  for (;;) {
    // Date.now() in the workflow sandbox is Temporal's workflow clock: replay computes the same remaining time.
    const remaining = deadline - Date.now();
    if (await condition(fn, Math.max(1, Math.min(remaining, MAX_TIMER_MS)))) return true;
    if (remaining <= MAX_TIMER_MS) return false;
  }
}
