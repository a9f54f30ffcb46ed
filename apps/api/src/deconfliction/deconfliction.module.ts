import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { loadCheckConfig } from '../../../../libs/deconfliction/check-config';
import { CheckService } from '../../../../libs/deconfliction/check.service';
import { DeconflictionService } from '../../../../libs/deconfliction/deconfliction.service';
import { LookoutService } from '../../../../libs/deconfliction/lookout.service';
import { MatchingRepository } from '../../../../libs/deconfliction/matching.repository';
import type { AppConfig } from '../../../../libs/config/config';
import { CasesModule } from '../cases/cases.module';
import { AccessPolicy } from '../common/access-policy';
import { DeconflictionChecksApi } from './deconfliction-checks.api';
import { DeconflictionController } from './deconfliction.controller';
import { DeconflictionApi } from './deconfliction.api';
import { OperationsMapApi } from './operations-map.api';
import { APP_CONFIG } from '../infra/tokens';
import { HitReopenApi } from './hit-reopen.api';
import { HitReopenController } from './hit-reopen.controller';
import { LookoutsApi } from './lookouts.api';
import { LookoutsController } from './lookouts.controller';
import { ReviewsApi } from './reviews.api';
import { ReviewsController } from './reviews.controller';
import { HitWorkController } from './hit-work.controller';
import { HitClaimsApi } from './hit-claims.api';
import { HitContactsApi } from './hit-contacts.api';
import { HitClaimRepository } from '../../../../libs/deconfliction/hit-claim.repository';
import { HitContactLogRepository } from '../../../../libs/deconfliction/hit-contact-log.repository';

@Module({
  imports: [CasesModule],
  controllers: [DeconflictionController, LookoutsController, ReviewsController, HitWorkController, HitReopenController],
  providers: [
    DeconflictionApi,
    HitReopenApi,
    OperationsMapApi,
    ReviewsApi,
    DeconflictionChecksApi,
    AccessPolicy,
    HitClaimsApi,
    HitContactsApi,
    { provide: HitClaimRepository, useValue: new HitClaimRepository() },
    { provide: HitContactLogRepository, inject: [DataSource], useFactory: (ds: DataSource) => new HitContactLogRepository(ds) },
    {
      provide: CheckService,
      inject: [DataSource, DeconflictionService, AuditStore, APP_CONFIG],
      // The check settings are read here, at start: a bad CHECK_* value stops the API instead of a check.
      useFactory: (ds: DataSource, deconfliction: DeconflictionService, audit: AuditStore, config: AppConfig) =>
        new CheckService(ds, deconfliction, audit, loadCheckConfig(), config.deconfliction.personPossibleMax, config.deconfliction.serialPartialMax),
    },
    LookoutsApi,
    {
      provide: LookoutService,
      inject: [DataSource, DeconflictionService, AuditStore, APP_CONFIG],
      useFactory: (ds: DataSource, deconfliction: DeconflictionService, audit: AuditStore, config: AppConfig) =>
        new LookoutService(ds, deconfliction, new MatchingRepository(config.deconfliction), audit),
    },
  ],
})
export class DeconflictionModule {}
