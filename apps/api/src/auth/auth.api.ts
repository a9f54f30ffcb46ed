import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { DEMO_USERS } from '../../../../libs/auth/demo-users';
import { LoginLockout } from '../../../../libs/auth/login-lockout';
import { SessionStore } from '../../../../libs/auth/session-store';
import { hashPassword, verifyPassword } from '../../../../libs/auth/password';
import { AuthUser, knownRoles } from '../../../../libs/auth/roles';
import { unknownUserActor, usernameDigest } from '../../../../libs/auth/username-pseudonym';
import type { AppConfig } from '../../../../libs/config/config';
import { UserEntity } from '../../../../libs/db/entities';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';
import { InjectConfig } from '../infra/tokens';
import { AddressLimits } from './address-limits';
import { TokenResponseDto } from './dto/token.dto';

/** Verifying against this when the user is unknown keeps the response time from telling which usernames exist. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthApi implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditStore,
    private readonly lockout: LoginLockout,
    private readonly sessions: SessionStore,
    private readonly limits: AddressLimits,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.createDemoUsers) return;
    const users = this.dataSource.getRepository(UserEntity);
    for (const demo of DEMO_USERS) {
      const existing = await users.findOne({ where: { username: demo.username } });
      if (existing && (await verifyPassword(this.config.demoPassword, existing.passwordHash))) continue;
      const passwordHash = await hashPassword(this.config.demoPassword);
      await this.dataSource.query(
        `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name, phone) VALUES ($1,$2,$3,$4,$5,$6,$7)
         ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, agency_code = EXCLUDED.agency_code,
           roles = EXCLUDED.roles, full_name = EXCLUDED.full_name, phone = EXCLUDED.phone`,
        [randomUUID(), demo.username, passwordHash, demo.agency, demo.roles, demo.fullName, demo.phone],
      );
    }
    this.logger.log(`demo users ready (${DEMO_USERS.length})`);
  }

  /**
   * Limited per source address first. Then the attempt is counted against the username before its password is
   * checked (LoginLockout.reserve): a locked username is refused (429) without looking at the password, known or not,
   * and at most LOGIN_MAX_FAILURES passwords are ever checked per run of failures. Failures count per username string,
   * so unknown usernames lock exactly like real ones; those are audited under a keyed pseudonym, never as typed.
   */
  async issueToken(username: string, password: string, ip: string): Promise<TokenResponseDto> {
    await this.limits.login(ip);
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { username } });
    const key = this.config.auditUsernameKey;
    const actor = user ? user.username : unknownUserActor(key, username);
    const lockKey = usernameDigest(key, username);
    const reservation = await this.lockout.reserve(lockKey);
    if (reservation.kind === 'locked') return this.refuseLocked(actor, ip, reservation.retryAfterSeconds, 'auth.login_refused_locked');

    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) {
      await this.audit.append({
        actor, agency: user?.agencyCode ?? null, action: 'auth.login_failed', entityType: 'user',
        entityId: user?.id ?? null, details: { ip, reason: user ? 'wrong password' : 'unknown user' },
      });
      if (reservation.locking) await this.refuseLocked(actor, ip, this.lockout.lockoutSeconds, 'auth.locked');
      throw new ApiError('Unauthenticated', M.badCredentials);
    }
    await this.lockout.succeeded(lockKey);
    const roles = knownRoles(user.roles);
    const jti = randomUUID();
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, agency: user.agencyCode, roles },
      { expiresIn: this.config.tokenTtlSeconds, jwtid: jti },
    );
    await this.dataSource.transaction(async (tx) => {
      await this.sessions.open(tx, jti, user.id, this.config.tokenTtlSeconds);
      await this.audit.append({
        actor: user.username, agency: user.agencyCode, action: 'auth.login', entityType: 'user', entityId: user.id, details: { ip },
      }, tx);
    });
    return {
      accessToken,
      expiresIn: this.config.tokenTtlSeconds,
      user: { username: user.username, agency: user.agencyCode, roles },
    };
  }

  /** Ends the caller's session: its token is refused from then on. */
  async logout(user: AuthUser, sessionId: string, ip: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.sessions.revoke(tx, sessionId);
      await this.audit.append({
        actor: user.username, agency: user.agency, action: 'auth.logout', entityType: 'user', entityId: user.userId, details: { ip },
      }, tx);
    });
  }

  /** The lock, and each attempt it refuses, are audited; the answer is the same for every username. */
  private async refuseLocked(actor: string, ip: string, retryAfterSeconds: number, action: string): Promise<never> {
    await this.audit.append({
      actor, agency: null, action, entityType: 'user', entityId: null,
      details: { ip, retryAfterSeconds, ...(action === 'auth.locked' ? { failures: this.config.accounts.loginMaxFailures } : {}) },
    });
    throw new ApiError('TooManyRequests', M.accountLocked, { seconds: retryAfterSeconds }, {
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  }
}
