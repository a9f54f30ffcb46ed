import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AdminAgenciesApi } from './admin-agencies.api';
import { AdminAgenciesController } from './admin-agencies.controller';
import { AdminUsersApi } from './admin-users.api';
import { AdminUsersController } from './admin-users.controller';

/** Administration of users and agencies (issue 19): ADMIN only, every change audited. */
@Module({
  imports: [AuthModule],
  controllers: [AdminUsersController, AdminAgenciesController],
  providers: [AdminUsersApi, AdminAgenciesApi],
})
export class AdminModule {}
