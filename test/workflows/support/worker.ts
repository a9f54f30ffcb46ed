import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { encryptingDataConverter, payloadCodecFromEnv } from '../../../libs/temporal-codec/data-converter';
import { readStack } from '../../support/stack';
import { stubActivities, StubActivities } from './stub-activities';

/** The bundle the real worker runs (npm run build), so the specs exercise the exact workflow code that ships. */
const BUNDLE = path.resolve(__dirname, '../../../dist/workflow-bundle.js');

export interface WorkflowHarness { client: Client; taskQueue: string }

/** Worker state changes are logged at INFO; only warnings are shown. */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already in this process (an earlier spec file): it is quiet.
  }
}

/**
 * One Worker per spec file, polling a task queue of its own on the stack's Temporal dev server, with the real
 * workflow bundle. Time skipping is not available on this machine (issue 15's notes), so specs shorten clocks through
 * the workflows' inputs. Each test hands its own stub activities to `run`: the worker's activities delegate to them,
 * so a test sees only its own calls, and what it left running on the queue (children that outlive their parent, a
 * workflow still waiting) is terminated before the next test. Starting a worker per test cost about a second each.
 */
export function useWorkflowWorker(): { run<T>(activities: StubActivities, work: (harness: WorkflowHarness) => Promise<T>): Promise<T> } {
  const taskQueue = `workflow-spec-${randomUUID()}`;
  let current: StubActivities | undefined;
  let client: Client | undefined;
  let connection: Connection | undefined;
  let nativeConnection: NativeConnection | undefined;
  let stop = (): void => undefined;
  let running: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    quietRuntime();
    const stack = readStack();
    const dataConverter = encryptingDataConverter(payloadCodecFromEnv(stack.env));
    nativeConnection = await NativeConnection.connect({ address: stack.temporalAddress });
    connection = await Connection.connect({ address: stack.temporalAddress });
    client = new Client({ connection, dataConverter });
    const worker = await Worker.create({
      connection: nativeConnection, taskQueue, dataConverter, workflowBundle: { codePath: BUNDLE }, activities: delegating(() => current),
    });
    running = worker.runUntil(new Promise<void>((resolve) => { stop = resolve; }));
  });

  afterAll(async () => {
    stop();
    await running;
    await connection?.close();
    await nativeConnection?.close();
  });

  return {
    async run(activities, work) {
      if (!client) throw new Error('the spec worker did not start');
      current = activities;
      try {
        return await work({ client, taskQueue });
      } finally {
        await terminateLeftovers(client, taskQueue);
        current = undefined;
      }
    },
  };
}

/** Activities under every real name, each calling the current test's stub of that name. */
function delegating(current: () => StubActivities | undefined): StubActivities {
  const names = Object.keys(stubActivities().activities) as (keyof StubActivities)[];
  return Object.fromEntries(names.map((name) => [name, (...args: unknown[]) => {
    const stubs = current();
    if (!stubs) throw new Error(`activity ${name} called between tests`);
    return (stubs[name] as (...a: unknown[]) => Promise<unknown>)(...args);
  }])) as unknown as StubActivities;
}

async function terminateLeftovers(client: Client, taskQueue: string): Promise<void> {
  const running = client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` });
  for await (const execution of running) {
    await client.workflow.getHandle(execution.workflowId).terminate('workflow spec finished').catch(() => undefined);
  }
}
