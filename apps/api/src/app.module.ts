import { Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { CodecModule } from './codec/codec.module';
import { DeconflictionModule } from './deconfliction/deconfliction.module';
import { HealthController } from './health/health.controller';
import { InfraModule } from './infra/infra.module';
import { MeetingsModule } from './meetings/meetings.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ReferralsModule } from './referrals/referrals.module';
import { SeizuresModule } from './seizures/seizures.module';
import { WatchDeskModule } from './watch-desk/watch-desk.module';

@Module({
  imports: [
    InfraModule, AuthModule, CasesModule, DeconflictionModule, ReferralsModule, MeetingsModule, SeizuresModule, NotificationsModule,
    AuditModule, CodecModule, WatchDeskModule, AdminModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
