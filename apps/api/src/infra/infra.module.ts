import { Global, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { CaseRepository } from '../../../../libs/cases/case.repository';
import { CaseService } from '../../../../libs/cases/case.service';
import { AppConfig, loadConfig } from '../../../../libs/config/config';
import { createDataSource, refuseSuperuser } from '../../../../libs/db/data-source';
import { AesGcmPayloadCodec } from '../../../../libs/temporal-codec/aes-gcm-codec';
import { payloadCodecFromEnv } from '../../../../libs/temporal-codec/data-converter';
import { DeconflictionService } from '../../../../libs/deconfliction/deconfliction.service';
import { HitStore } from '../../../../libs/deconfliction/hit-store';
import { MatchingStore } from '../../../../libs/deconfliction/matching-store';
import { ActionItemService } from '../../../../libs/meetings/action-item.service';
import { MeetingService } from '../../../../libs/meetings/meeting.service';
import { NotificationStore } from '../../../../libs/notifications/notification-store';
import { ReferralService } from '../../../../libs/referrals/referral.service';
import { IdempotencyService } from '../common/idempotency.service';
import { RecordWorkflows } from './record-workflows';
import { TemporalService } from './temporal.service';
import { APP_CONFIG } from './tokens';

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Shared infrastructure: configuration, PostgreSQL (as the restricted app role), the stores over it (audit chain,
 * cases, hits, notifications), Temporal, idempotency.
 */
@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: loadConfig },
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const dbLogger = new Logger('db');
        const dataSource = createDataSource({
          url: config.databaseUrl, asAppRole: true, applicationName: 'casecoord-api',
          onConnectionLost: (error) => dbLogger.warn(`connection lost: ${error.message}`),
        });
        // The first connection must succeed; after that the pool reconnects by itself and requests made while
        // PostgreSQL is away answer 503.
        await dataSource.initialize().catch((error: Error) => {
          dbLogger.error(`initial connection failed: ${error.message}`);
          throw error;
        });
        await refuseSuperuser(dataSource, config.production, (line) => dbLogger.warn(line));
        return dataSource;
      },
    },
    { provide: AuditStore, inject: [DataSource], useFactory: (ds: DataSource) => new AuditStore(ds) },
    { provide: CaseRepository, inject: [DataSource], useFactory: (ds: DataSource) => new CaseRepository(ds) },
    {
      provide: CaseService, inject: [DataSource, CaseRepository, AuditStore],
      useFactory: (ds: DataSource, cases: CaseRepository, audit: AuditStore) => new CaseService(ds, cases, audit),
    },
    { provide: HitStore, inject: [DataSource], useFactory: (ds: DataSource) => new HitStore(ds) },
    { provide: NotificationStore, inject: [DataSource], useFactory: (ds: DataSource) => new NotificationStore(ds) },
    {
      provide: DeconflictionService,
      inject: [DataSource, CaseRepository, HitStore, NotificationStore, AuditStore, APP_CONFIG],
      useFactory: (ds: DataSource, cases: CaseRepository, hits: HitStore, notifications: NotificationStore, audit: AuditStore, config: AppConfig) =>
        new DeconflictionService(ds, cases, new MatchingStore(config.deconfliction), hits, notifications, audit, config.deconfliction),
    },
    {
      provide: ReferralService,
      inject: [DataSource, CaseService, NotificationStore, AuditStore, APP_CONFIG],
      useFactory: (ds: DataSource, cases: CaseService, notifications: NotificationStore, audit: AuditStore, config: AppConfig) =>
        new ReferralService(ds, cases, notifications, audit, config.referralAckDueAfterMs),
    },
    {
      provide: ActionItemService,
      inject: [DataSource, NotificationStore, AuditStore],
      useFactory: (ds: DataSource, notifications: NotificationStore, audit: AuditStore) => new ActionItemService(ds, notifications, audit),
    },
    {
      provide: MeetingService,
      inject: [DataSource, NotificationStore, AuditStore, ActionItemService, APP_CONFIG],
      useFactory: (ds: DataSource, notifications: NotificationStore, audit: AuditStore, actionItems: ActionItemService, config: AppConfig) =>
        new MeetingService(ds, notifications, audit, actionItems, config.meetings.noticeLeadTimeMs),
    },
    // One codec for the Temporal client and the codec endpoint (apps/api/src/codec), with the worker's keys.
    { provide: AesGcmPayloadCodec, useFactory: () => payloadCodecFromEnv() },
    TemporalService,
    RecordWorkflows,
    IdempotencyService,
    DataSourceCloser,
  ],
  exports: [
    APP_CONFIG, DataSource, AuditStore, CaseRepository, CaseService, HitStore, NotificationStore, DeconflictionService, ReferralService,
    TemporalService, RecordWorkflows, IdempotencyService, MeetingService, ActionItemService, AesGcmPayloadCodec,
  ],
})
export class InfraModule {}
