import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { encryptingDataConverter } from '../../libs/temporal-codec/data-converter';
import { FLOOR_TASK_QUEUE } from './floor-shape';

/**
 * The bench-only worker of `npm run bench:sustained`'s cost floor, in a process of its own so its CPU is read from
 * /proc apart from the bench's: the bare workflow (floor.workflow.ts, bundled here) on its own task queue, with
 * SDK default tuning and an activity that does nothing. FLOOR_CODEC=1 encrypts payloads as the case worker does.
 * It answers the parent's "count" message with how many activities it has run, so the bench knows when a step is done.
 */
async function main(): Promise<void> {
  Runtime.install({ shutdownSignals: ['SIGTERM', 'SIGINT'], logger: new DefaultLogger('WARN') });
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is required');
  let executed = 0;
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue: FLOOR_TASK_QUEUE,
    workflowsPath: require.resolve('./floor.workflow'),
    ...(process.env.FLOOR_CODEC === '1' ? { dataConverter: encryptingDataConverter() } : {}),
    activities: { nothing: async () => { executed += 1; } },
  });
  process.on('message', (message) => { if (message === 'count') process.send?.({ executed }); });
  process.send?.('ready');
  await worker.run();
}

main().then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1); });
