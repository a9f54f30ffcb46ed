import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { HealthController } from './health/health.controller';
import { InfraModule } from './infra/infra.module';

@Module({
  imports: [InfraModule, AuthModule, CasesModule, AuditModule],
  controllers: [HealthController],
})
export class AppModule {}
