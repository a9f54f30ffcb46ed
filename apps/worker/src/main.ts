import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createCaseActivities } from '../../../activities/cases/case.activities';
import { createIntakeActivities } from '../../../activities/cases/intake.activities';
import { createDeconflictionActivities } from '../../../activities/deconfliction/deconfliction.activities';
import { createMeetingActivities } from '../../../activities/meetings/meeting.activities';
import { createReferralActivities } from '../../../activities/referrals/referral.activities';
import { createSeizureActivities } from '../../../activities/seizures/seizure.activities';
import { buildServices } from '../../../libs/composition/build-services';
import { loadConfig } from '../../../libs/config/config';
import { workerTuning } from '../../../libs/config/worker-tuning';
import { temporalChannelArgs } from '../../../libs/config/temporal-channel';
import { createDataSource, refuseSuperuser } from '../../../libs/db/data-source';
import { findPendingWorkflowStarts, markWorkflowsStarted } from '../../../libs/db/pending-workflow-starts';
import { encryptingDataConverter } from '../../../libs/temporal-codec/data-converter';
import { createWatchDeskActivities } from '../../../activities/watch-desk/watch-desk.activities';
import { AuditStore } from '../../../libs/audit/audit-store';
import { WatchDeskAlertStarter } from '../../../libs/watch-desk/watch-desk-alerts';
import { loadWatchDeskConfig } from '../../../libs/watch-desk/watch-desk-config';
import { WatchDeskService } from '../../../libs/watch-desk/watch-desk.service';

/** pino's level names to the SDK's (fatal has none of its own there). */
const SDK_LOG_LEVELS: Record<string, 'TRACE' | 'DEBUG' | 'WARN' | 'ERROR'> = { trace: 'TRACE', debug: 'DEBUG', warn: 'WARN', error: 'ERROR', fatal: 'ERROR' };
const sdkLogLevel = (level: string) => SDK_LOG_LEVELS[level] ?? 'INFO';

const logger = pino({ name: 'worker', level: process.env.LOG_LEVEL ?? 'info' });

/**
 * The durable half of intake: a case, seizure, trace or referral committed while Temporal was unreachable (or a rule's
 * referral whose case workflow never got to start it) has no workflow yet; this loop starts it (workflow ids derive
 * from the record ids, so a start that did go through is recognised, and then only marked).
 */
function startWorkflowRelay(client: Client, dataSource: DataSource, taskQueue: string, afterMs: number): () => Promise<void> {
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  const tick = async (): Promise<void> => {
    try {
      for (const pending of await findPendingWorkflowStarts(dataSource, afterMs, 100)) {
        const { workflowType, workflowId, input } = pending.start;
        try {
          await client.workflow.start(workflowType, { taskQueue, workflowId, args: [input] });
          logger.info({ id: pending.id, workflowId }, `relay started ${workflowType}`);
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
        await markWorkflowsStarted(dataSource, pending.table, [pending.id]);
      }
    } catch (error) {
      logger.warn({ err: error }, 'workflow start relay pass failed; will retry');
    }
    if (!stopped) timer = setTimeout(runTick, Math.min(afterMs, 2000));
  };
  // tick catches every error of its own pass, so nothing is left unhandled.
  const runTick = (): void => { inFlight = tick(); };
  let timer = setTimeout(runTick, 1000);
  // Stopping waits for a pass under way: closing the pool beneath it would fail its query ("Connection terminated").
  return async () => { stopped = true; clearTimeout(timer); await inFlight; };
}

async function main(): Promise<void> {
  const config = loadConfig();
  // This process owns SIGINT/SIGTERM (below): the SDK's own handlers would begin the shutdown a second time.
  Runtime.install({
    shutdownSignals: [],
    // The SDK's level follows LOG_LEVEL: entries pino would drop are not built and forwarded for each activity step.
    logger: new DefaultLogger(sdkLogLevel(config.logLevel), (entry) => {
      const { message, level, meta } = entry;
      const method = level === 'ERROR' ? 'error' : level === 'WARN' ? 'warn' : level === 'DEBUG' || level === 'TRACE' ? 'debug' : 'info';
      logger[method]({ ...(meta ?? {}) }, message);
    }),
  });
  const dataSource = createDataSource({
    url: config.databaseUrl, asAppRole: true, applicationName: 'casecoord-worker', pool: config.databasePool,
    onConnectionLost: (error) => logger.warn({ err: error.message }, 'postgres connection lost'),
  });
  await dataSource.initialize();
  await refuseSuperuser(dataSource, config.production, (line) => logger.warn(line));
  const { cases, deconfliction, referrals, actionItems, meetings, traces } = buildServices(dataSource, config);

  // Workflow inputs, results, activity arguments and markers leave this process encrypted (libs/temporal-codec).
  const dataConverter = encryptingDataConverter();
  // The client comes first: the deconfliction activities start watch-desk alert workflows through it.
  const clientConnection = await Connection.connect({ address: config.temporalAddress, channelArgs: temporalChannelArgs });
  const client = new Client({ connection: clientConnection, namespace: config.temporalNamespace, dataConverter });
  const watchDesk = new WatchDeskService(dataSource, new AuditStore(dataSource), loadWatchDeskConfig());
  const alerts = new WatchDeskAlertStarter(client, config.taskQueue, watchDesk, (message, meta) => logger.warn(meta, message));
  const caseSteps = createCaseActivities({ cases, traces });
  const deconflictionSteps = createDeconflictionActivities({ deconfliction, alerts });
  const referralSteps = createReferralActivities({ referrals, traces });
  const activities = {
    ...caseSteps,
    ...createIntakeActivities({ ...caseSteps, ...deconflictionSteps, ...referralSteps }),
    ...deconflictionSteps,
    ...createWatchDeskActivities({ watchDesk }),
    ...createSeizureActivities({ deconfliction, traces }),
    ...referralSteps,
    ...createMeetingActivities({ meetings, actionItems }),
  };
  const bundlePath = path.resolve(__dirname, '../../../workflow-bundle.js');
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    dataConverter,
    ...(existsSync(bundlePath)
      ? { workflowBundle: { codePath: bundlePath } }
      : { workflowsPath: require.resolve('../../../workflows') }),
    activities,
    ...workerTuning(),
  });

  const stopRelay = startWorkflowRelay(client, dataSource, config.taskQueue, config.workflowStartRelayAfterMs);

  // Ctrl-C reaches this process twice under `npm start` (the terminal's SIGINT to the process group, then the
  // SIGTERM scripts/start.ts sends each child), so the first signal begins the one shutdown and later ones are
  // ignored; the listeners stay so a repeated signal cannot kill the worker mid-drain.
  const shutdown = (): void => {
    if (worker.getState() !== 'RUNNING') return;
    logger.info('worker shutting down');
    worker.shutdown();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  logger.info({ taskQueue: config.taskQueue, temporal: config.temporalAddress }, 'worker running');
  await worker.run();
  await stopRelay();
  await clientConnection.close();
  await connection.close();
  await dataSource.destroy();
  logger.info('worker stopped');
}

main().catch((error) => {
  logger.fatal({ err: error }, 'worker failed');
  process.exit(1);
});
