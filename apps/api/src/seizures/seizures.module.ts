import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import type { AppConfig } from '../../../../libs/config/config';
import { NotificationStore } from '../../../../libs/notifications/notification-store';
import { SeizureService } from '../../../../libs/seizures/seizure.service';
import { StatsService } from '../../../../libs/seizures/stats.service';
import { TraceService } from '../../../../libs/seizures/trace.service';
import { AccessPolicy } from '../common/access-policy';
import { APP_CONFIG } from '../infra/tokens';
import { SeizuresController } from './seizures.controller';
import { SeizuresApi } from './seizures.api';

@Module({
  controllers: [SeizuresController],
  providers: [
    SeizuresApi,
    AccessPolicy,
    { provide: SeizureService, inject: [DataSource, AuditStore], useFactory: (ds: DataSource, audit: AuditStore) => new SeizureService(ds, audit) },
    {
      provide: TraceService,
      inject: [DataSource, NotificationStore, AuditStore, APP_CONFIG],
      useFactory: (ds: DataSource, n: NotificationStore, audit: AuditStore, config: AppConfig) => new TraceService(ds, n, audit, config.traceDueAfterMs),
    },
    { provide: StatsService, inject: [DataSource], useFactory: (ds: DataSource) => new StatsService(ds) },
  ],
})
export class SeizuresModule {}
