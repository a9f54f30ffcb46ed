import { FactoryProvider, Global, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { CaseRepository } from '../../../../libs/cases/case.repository';
import { CaseService } from '../../../../libs/cases/case.service';
import { buildServices, Services } from '../../../../libs/composition/build-services';
import { AppConfig, loadConfig } from '../../../../libs/config/config';
import { createDataSource, refuseSuperuser } from '../../../../libs/db/data-source';
import { AesGcmPayloadCodec } from '../../../../libs/temporal-codec/aes-gcm-codec';
import { payloadCodecFromEnv } from '../../../../libs/temporal-codec/data-converter';
import { DeconflictionService } from '../../../../libs/deconfliction/deconfliction.service';
import { HitRepository } from '../../../../libs/deconfliction/hit.repository';
import { ActionItemService } from '../../../../libs/meetings/action-item.service';
import { MeetingService } from '../../../../libs/meetings/meeting.service';
import { NotificationStore } from '../../../../libs/notifications/notification-store';
import { ReferralService } from '../../../../libs/referrals/referral.service';
import { SeizureService } from '../../../../libs/seizures/seizure.service';
import { StatsService } from '../../../../libs/seizures/stats.service';
import { TraceService } from '../../../../libs/seizures/trace.service';
import { IdempotencyService } from '../common/idempotency.service';
import { RecordWorkflows } from './record-workflows';
import { TemporalService } from './temporal.service';
import { APP_CONFIG } from './tokens';

const SERVICES = Symbol('SERVICES');

/** One provider per service built by libs/composition, under its class, so controllers and facades inject it by class. */
const provideService = <K extends keyof Services>(token: abstract new (...args: never[]) => Services[K], key: K): FactoryProvider => ({
  provide: token, inject: [SERVICES], useFactory: (services: Services) => services[key],
});
const SERVICE_PROVIDERS = [
  provideService(AuditStore, 'audit'), provideService(CaseRepository, 'caseRepository'), provideService(CaseService, 'cases'), provideService(HitRepository, 'hits'),
  provideService(NotificationStore, 'notifications'), provideService(DeconflictionService, 'deconfliction'),
  provideService(ReferralService, 'referrals'), provideService(ActionItemService, 'actionItems'),
  provideService(MeetingService, 'meetings'), provideService(SeizureService, 'seizures'),
  provideService(TraceService, 'traces'), provideService(StatsService, 'stats'),
];

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Shared infrastructure: configuration, PostgreSQL (as the restricted app role), the stores and services over it (built
 * once by libs/composition/build-services.ts, the worker's composition root too), Temporal, idempotency.
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
          url: config.databaseUrl, asAppRole: true, applicationName: 'casecoord-api', pool: config.databasePool,
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
    { provide: SERVICES, inject: [DataSource, APP_CONFIG], useFactory: buildServices },
    ...SERVICE_PROVIDERS,
    // One codec for the Temporal client and the codec endpoint (apps/api/src/codec), with the worker's keys.
    { provide: AesGcmPayloadCodec, useFactory: () => payloadCodecFromEnv() },
    TemporalService,
    RecordWorkflows,
    IdempotencyService,
    DataSourceCloser,
  ],
  exports: [
    APP_CONFIG, DataSource, ...SERVICE_PROVIDERS.map((provider) => provider.provide), TemporalService, RecordWorkflows, IdempotencyService,
    AesGcmPayloadCodec,
  ],
})
export class InfraModule {}
