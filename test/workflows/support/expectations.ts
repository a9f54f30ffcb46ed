import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';

/** The ApplicationFailure behind a refused update or a failed workflow (what the API maps onto its HTTP answer). */
export async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (error) {
    // A refusal by a validator or the workflow is the cause itself; one raised by an activity is wrapped once more.
    let cause: unknown = error instanceof WorkflowUpdateFailedError || error instanceof WorkflowFailedError ? error.cause : error;
    if (cause instanceof ActivityFailure) cause = cause.cause;
    if (cause instanceof ApplicationFailure) return cause;
    throw error;
  }
  throw new Error('expected a failure, the call succeeded');
}

/** A fresh id for one spec's entity (the workflow id is derived from it, as the API does). */
export const freshId = (): string => randomUUID();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `accept` holds; fails with the last value seen. */
export async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`until: not accepted within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

/** The actor the API puts on every step it sends. */
export const ACTOR = { userId: 'user-1', username: 'coordinator', agency: 'ICE' };

/**
 * Clocks fire no earlier than configured; on a busy shared machine they may fire late, so the upper bound is loose.
 * `startedAt` is taken before the workflow starts, so the timer (armed after it) cannot fire before startedAt + ms.
 */
export function expectFiredAfter(at: number | undefined, startedAt: number, clockMs: number, slackMs = 5_000): void {
  if (at === undefined) throw new Error('the clock never fired');
  expect(at - startedAt).toBeGreaterThanOrEqual(clockMs);
  expect(at - startedAt).toBeLessThan(clockMs + slackMs);
}
