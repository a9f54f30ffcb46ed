import { Client, Connection, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { encryptingDataConverter, payloadCodecFromEnv } from '../../../libs/temporal-codec/data-converter';
import { readStack } from '../../support/stack';
import type { StubActivities } from './stub-activities';

/** The bundle the real worker runs (npm run build), so the specs exercise the exact workflow code that ships. */
const BUNDLE = path.resolve(__dirname, '../../../dist/workflow-bundle.js');

export interface WorkflowHarness { client: Client; taskQueue: string }

/**
 * Runs `work` against a Worker polling a task queue of its own on the stack's Temporal dev server, with the real
 * workflow code and the given stub activities. Time skipping is not available here (see the notes of issue 15), so
 * specs shorten clocks through the workflows' inputs. Whatever the work left running on the queue (children that
 * outlive their parent, a workflow still waiting) is terminated before the worker stops.
 */
export async function withWorkflowWorker<T>(
  activities: StubActivities, work: (harness: WorkflowHarness) => Promise<T>,
): Promise<T> {
  const stack = readStack();
  const dataConverter = encryptingDataConverter(payloadCodecFromEnv(stack.env));
  const taskQueue = `workflow-spec-${randomUUID()}`;
  const nativeConnection = await NativeConnection.connect({ address: stack.temporalAddress });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, dataConverter });
  try {
    const worker = await Worker.create({
      connection: nativeConnection, taskQueue, dataConverter, workflowBundle: { codePath: BUNDLE }, activities,
    });
    return await worker.runUntil(async () => {
      try {
        return await work({ client, taskQueue });
      } finally {
        await terminateLeftovers(client, taskQueue);
      }
    });
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
}

async function terminateLeftovers(client: Client, taskQueue: string): Promise<void> {
  const running = client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` });
  for await (const execution of running) {
    await client.workflow.getHandle(execution.workflowId).terminate('workflow spec finished').catch(() => undefined);
  }
}

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
