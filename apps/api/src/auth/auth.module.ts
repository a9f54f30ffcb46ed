import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { AgencyDirectory } from '../../../../libs/auth/agency-directory';
import { AnonymousRefusals } from '../../../../libs/auth/anonymous-refusals';
import { LoginLockout } from '../../../../libs/auth/login-lockout';
import { SessionStore } from '../../../../libs/auth/session-store';
import { TokenBuckets } from '../../../../libs/auth/token-bucket';
import type { AppConfig } from '../../../../libs/config/config';
import { loadSsoConfig } from '../../../../libs/config/sso-config';
import { APP_CONFIG } from '../infra/tokens';
import { AgenciesController } from './agencies.controller';
import { AddressLimits, ANON_BUCKETS, LOGIN_BUCKETS } from './address-limits';
import { AnonymousRefusalsFlusher } from './anonymous-refusals.flusher';
import { AuthController } from './auth.controller';
import { AuthGuard, WRITE_BUCKETS } from './auth.guard';
import { AuthApi } from './auth.api';
import { SsoApi } from './sso.api';
import { SsoBearer } from './sso-bearer';
import { SsoController } from './sso.controller';
import { SsoIssuers } from './sso-issuers';
import { AccountApi } from './account.api';
import { SessionIssuer } from './session-issuer';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A key object, not the string: given a string, jsonwebtoken first tries (and fails) to parse it as a public key
      // on every verification, which was a visible share of the API's CPU per request in a profile of bench:intake.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, AgenciesController, SsoController],
  // Long-lived responses (event streams) re-check their session.
  exports: [SessionStore, LoginLockout, JwtModule],
  providers: [
    AuthApi,
    // Single sign-on (issue 19): SSO_ISSUERS, read and checked at start like the rest of the configuration.
    { provide: SsoIssuers, useFactory: () => new SsoIssuers(loadSsoConfig()) },
    SsoApi,
    SsoBearer,
    AccountApi,
    SessionIssuer,
    { provide: AgencyDirectory, inject: [DataSource], useFactory: (ds: DataSource) => new AgencyDirectory(ds) },
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
    {
      provide: LOGIN_BUCKETS, inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TokenBuckets(config.accounts.loginRateLimit, config.accounts.loginRateWindowMs),
    },
    {
      provide: ANON_BUCKETS, inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TokenBuckets(config.accounts.anonRateLimit, config.accounts.anonRateWindowMs),
    },
    AddressLimits,
    {
      provide: AnonymousRefusals, inject: [DataSource, AuditStore, APP_CONFIG],
      useFactory: (ds: DataSource, audit: AuditStore, config: AppConfig) => new AnonymousRefusals(ds, audit, config.accounts.anonAuditWindowMs),
    },
    AnonymousRefusalsFlusher,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
