import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { LoginLockout } from '../../../../libs/auth/login-lockout';
import { SessionStore } from '../../../../libs/auth/session-store';
import { TokenBuckets } from '../../../../libs/auth/token-bucket';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../infra/tokens';
import { AuthController } from './auth.controller';
import { AuthGuard, WRITE_BUCKETS } from './auth.guard';
import { AuthService } from './auth.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    {
      provide: LoginLockout, inject: [DataSource, APP_CONFIG],
      useFactory: (ds: DataSource, config: AppConfig) =>
        new LoginLockout(ds, { maxFailures: config.accounts.loginMaxFailures, lockoutMs: config.accounts.loginLockoutMs }),
    },
    {
      provide: SessionStore, inject: [DataSource, APP_CONFIG],
      useFactory: (ds: DataSource, config: AppConfig) => new SessionStore(ds, config.accounts.sessionIdleTimeoutMs),
    },
    {
      provide: WRITE_BUCKETS, inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TokenBuckets(config.accounts.writeRateLimit, config.accounts.writeRateWindowMs),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
