import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { encryptingDataConverter, payloadCodecFromEnv } from '../../../libs/temporal-codec/data-converter';
import { readStack } from '../../support/stack';
import type { StubActivities } from './stub-activities';

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
 * A Worker per test, polling a task queue of its own on the stack's Temporal dev server, with the real workflow bundle
 * and that test's stub activities. Time skipping is not available on this machine (issue 15's notes), so specs shorten
 * clocks through the workflows' inputs. A queue per test is what keeps tests apart: a workflow an earlier test left
 * behind (visibility may not list it yet when that test terminates its leftovers) or an activity retry of its can only
 * reach that test's queue, which nobody polls any more, never the next test's stubs. It costs about a second a test.
 */
export function useWorkflowWorker(): { run<T>(activities: StubActivities, work: (harness: WorkflowHarness) => Promise<T>): Promise<T> } {
  let client: Client | undefined;
  let connection: Connection | undefined;
  let nativeConnection: NativeConnection | undefined;
  let dataConverter: ReturnType<typeof encryptingDataConverter> | undefined;

  beforeAll(async () => {
    quietRuntime();
    const stack = readStack();
    dataConverter = encryptingDataConverter(payloadCodecFromEnv(stack.env));
    nativeConnection = await NativeConnection.connect({ address: stack.temporalAddress });
    connection = await Connection.connect({ address: stack.temporalAddress });
    client = new Client({ connection, dataConverter });
  });

  afterAll(async () => {
    await connection?.close();
    await nativeConnection?.close();
  });

  return {
    async run(activities, work) {
      if (!client || !nativeConnection) throw new Error('the spec connections did not open');
      const harness = { client, taskQueue: `workflow-spec-${randomUUID()}` };
      const worker = await Worker.create({
        connection: nativeConnection, taskQueue: harness.taskQueue, dataConverter, workflowBundle: { codePath: BUNDLE }, activities,
      });
      try {
        return await worker.runUntil(work(harness));
      } finally {
        await terminateLeftovers(harness.client, harness.taskQueue);
      }
    },
  };
}

async function terminateLeftovers(client: Client, taskQueue: string): Promise<void> {
  const running = client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` });
  for await (const execution of running) {
    await client.workflow.getHandle(execution.workflowId).terminate('workflow spec finished').catch(() => undefined);
  }
}
