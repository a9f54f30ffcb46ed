import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createCaseActivities } from '../../../activities/cases/case.activities';
import { createDeconflictionActivities } from '../../../activities/deconfliction/deconfliction.activities';
import { createMeetingActivities } from '../../../activities/meetings/meeting.activities';
import { createReferralActivities } from '../../../activities/referrals/referral.activities';
import { AuditStore } from '../../../libs/audit/audit-store';
import { CaseRepository } from '../../../libs/cases/case.repository';
import { CaseService } from '../../../libs/cases/case.service';
import { loadConfig } from '../../../libs/config/config';
import { createDataSource, refuseSuperuser } from '../../../libs/db/data-source';
import { encryptingDataConverter } from '../../../libs/temporal-codec/data-converter';
import { findPendingWorkflowStarts, markWorkflowsStarted } from '../../../libs/db/pending-workflow-starts';
import { DeconflictionService } from '../../../libs/deconfliction/deconfliction.service';
import { HitStore } from '../../../libs/deconfliction/hit-store';
import { MatchingStore } from '../../../libs/deconfliction/matching-store';
import { ActionItemService } from '../../../libs/meetings/action-item.service';
import { MeetingService } from '../../../libs/meetings/meeting.service';
import { NotificationStore } from '../../../libs/notifications/notification-store';
import { ReferralService } from '../../../libs/referrals/referral.service';
import { TraceService } from '../../../libs/seizures/trace.service';
import { createSeizureActivities } from '../../../activities/seizures/seizure.activities';

const logger = pino({ name: 'worker', level: process.env.LOG_LEVEL ?? 'info' });

/**
 * The durable half of intake: a case, seizure or trace committed while Temporal was unreachable has no workflow yet;
 * this loop starts it (workflow ids derive from the record ids, so a start that did go through is recognised).
 */
function startWorkflowRelay(client: Client, dataSource: DataSource, taskQueue: string, afterMs: number): () => void {
  let stopped = false;
  const tick = async (): Promise<void> => {
    try {
      for (const pending of await findPendingWorkflowStarts(dataSource, afterMs, 100)) {
        try {
          await client.workflow.start(pending.workflowType, { taskQueue, workflowId: pending.workflowId, args: pending.args });
          logger.info({ id: pending.id, workflowId: pending.workflowId }, `relay started ${pending.workflowType}`);
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
        await markWorkflowsStarted(dataSource, pending.table, [pending.id]);
      }
    } catch (error) {
      logger.warn({ err: error }, 'workflow start relay pass failed; will retry');
    }
    if (!stopped) timer = setTimeout(tick, Math.min(afterMs, 2000));
  };
  let timer = setTimeout(tick, 1000);
  return () => { stopped = true; clearTimeout(timer); };
}

async function main(): Promise<void> {
  const config = loadConfig();
  Runtime.install({
    logger: new DefaultLogger(config.logLevel === 'debug' ? 'DEBUG' : 'INFO', (entry) => {
      const { message, level, meta } = entry;
      const method = level === 'ERROR' ? 'error' : level === 'WARN' ? 'warn' : level === 'DEBUG' || level === 'TRACE' ? 'debug' : 'info';
      logger[method]({ ...(meta ?? {}) }, message);
    }),
  });
  const dataSource = createDataSource({
    url: config.databaseUrl, asAppRole: true, applicationName: 'casecoord-worker',
    onConnectionLost: (error) => logger.warn({ err: error.message }, 'postgres connection lost'),
  });
  await dataSource.initialize();
  await refuseSuperuser(dataSource, config.production, (line) => logger.warn(line));
  const audit = new AuditStore(dataSource);
  const caseRepository = new CaseRepository(dataSource);
  const cases = new CaseService(dataSource, caseRepository, audit);
  const notifications = new NotificationStore(dataSource);
  const deconfliction = new DeconflictionService(
    dataSource, caseRepository, new MatchingStore(config.deconfliction), new HitStore(dataSource), notifications, audit, config.deconfliction,
  );
  const referrals = new ReferralService(dataSource, cases, notifications, audit, config.referralAckDueAfterMs);
  const actionItems = new ActionItemService(dataSource, notifications, audit);
  const meetings = new MeetingService(dataSource, notifications, audit, actionItems, config.meetings.noticeLeadTimeMs);
  const traces = new TraceService(dataSource, notifications, audit, config.traceDueAfterMs);

  // Workflow inputs, results, activity arguments and markers leave this process encrypted (libs/temporal-codec).
  const dataConverter = encryptingDataConverter();
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
    activities: {
      ...createCaseActivities({ cases }),
      ...createDeconflictionActivities({ deconfliction }),
      ...createSeizureActivities({ deconfliction, traces }),
      ...createReferralActivities({ referrals, traces }),
      ...createMeetingActivities({ meetings, actionItems }),
    },
  });

  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection: clientConnection, namespace: config.temporalNamespace, dataConverter });
  const stopRelay = startWorkflowRelay(client, dataSource, config.taskQueue, config.workflowStartRelayAfterMs);

  const shutdown = (): void => { logger.info('worker shutting down'); worker.shutdown(); };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  logger.info({ taskQueue: config.taskQueue, temporal: config.temporalAddress }, 'worker running');
  await worker.run();
  stopRelay();
  await clientConnection.close();
  await connection.close();
  await dataSource.destroy();
  logger.info('worker stopped');
}

main().catch((error) => {
  logger.fatal({ err: error }, 'worker failed');
  process.exit(1);
});
