import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { DEMO_USERS, DemoUser, demoUserId } from '../../../../libs/auth/demo-users';
import { LoginLockout, Reservation } from '../../../../libs/auth/login-lockout';
import { hashPassword, needsRehash, verifyPassword } from '../../../../libs/auth/password';
import { looksLikeRecoveryCode, recoveryCodeHash } from '../../../../libs/auth/recovery-codes';
import { AuthUser } from '../../../../libs/auth/roles';
import { matchTotp } from '../../../../libs/auth/second-factor';
import { SessionStore } from '../../../../libs/auth/session-store';
import { UserRecord, UserRepository } from '../../../../libs/auth/user.repository';
import { unknownUserActor, usernameDigest } from '../../../../libs/auth/username-pseudonym';
import type { AppConfig } from '../../../../libs/config/config';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';
import { InjectConfig } from '../infra/tokens';
import { AddressLimits } from './address-limits';
import { LoginChallengeDto, SecondFactorTokenResponseDto, TokenResponseDto } from './dto/token.dto';
import { SessionIssuer } from './session-issuer';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AuthApi implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');
  private readonly users = new UserRepository();
  /** Verifying against this when the user is unknown keeps the response time from telling which usernames exist. */
  private dummyHash?: Promise<string>;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditStore,
    private readonly lockout: LoginLockout,
    private readonly sessions: SessionStore,
    private readonly limits: AddressLimits,
    private readonly issuer: SessionIssuer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.dummyHash = hashPassword(randomUUID());
    if (!this.config.createDemoUsers) return;
    for (const demo of DEMO_USERS) {
      const existing = await this.users.findByUsername(this.dataSource, demo.username);
      if (existing && (await verifyPassword(this.config.demoPassword, existing.passwordHash))) continue;
      const passwordHash = await hashPassword(this.config.demoPassword);
      await this.upsertDemoUser(demo, passwordHash);
    }
    this.logger.log(`demo users ready (${DEMO_USERS.length})`);
  }

  /**
   * The id is fixed by the name, so two API processes seeding a fresh database at once insert the same id: the one
   * that loses the race meets the primary key, not the username that ON CONFLICT names, and simply tries again (the
   * row is then there to update).
   */
  private async upsertDemoUser(demo: DemoUser, passwordHash: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.dataSource.query(
          `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name, phone) VALUES ($1,$2,$3,$4,$5,$6,$7)
           ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, agency_code = EXCLUDED.agency_code,
             roles = EXCLUDED.roles, full_name = EXCLUDED.full_name, phone = EXCLUDED.phone`,
          [demoUserId(demo.username), demo.username, passwordHash, demo.agency, demo.roles, demo.fullName, demo.phone],
        );
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION || attempt >= 3) throw error;
      }
    }
  }

  /**
   * Limited per source address first. Then the attempt is counted against the username before its password is
   * checked (LoginLockout.reserve): a locked username is refused (429) without looking at the password, known or not,
   * and at most LOGIN_MAX_FAILURES passwords are ever checked per run of failures. Failures count per username string,
   * so unknown usernames lock exactly like real ones; those are audited under a keyed pseudonym, never as typed.
   * A user with a second factor gets a challenge (202) instead of a token, and the run of failures goes on counting
   * until the code is right: password and code guesses share one lockout.
   */
  async issueToken(username: string, password: string, ip: string): Promise<TokenResponseDto | LoginChallengeDto> {
    await this.limits.login(ip);
    const user = await this.users.findByUsername(this.dataSource, username);
    const key = this.config.auditUsernameKey;
    const actor = user ? user.username : unknownUserActor(key, username);
    const lockKey = usernameDigest(key, username);
    const reservation = await this.lockout.reserve(lockKey);
    if (reservation.kind === 'locked') return this.refuseLocked(actor, ip, reservation.retryAfterSeconds, 'auth.login_refused_locked');

    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash) ?? '');
    if (!user || !valid) {
      await this.audit.append({
        actor, agency: user?.agencyCode ?? null, action: 'auth.login_failed', entityType: 'user',
        entityId: user?.id ?? null, details: { ip, reason: user ? 'wrong password' : 'unknown user' },
      });
      if (reservation.locking) await this.refuseLocked(actor, ip, this.lockout.lockoutSeconds, 'auth.locked');
      throw new ApiError('Unauthenticated', M.badCredentials);
    }
    if (needsRehash(user.passwordHash)) {
      await this.users.upgradePasswordHash(this.dataSource, user.id, user.passwordHash, await hashPassword(password));
    }
    await this.refuseIfDisabled(user, ip);
    if (user.totpSecret !== null) {
      await this.audit.append({
        actor: user.username, agency: user.agencyCode, action: 'auth.second_factor_required', entityType: 'user', entityId: user.id,
        details: { ip },
      });
      return this.issuer.challenge(user);
    }
    await this.lockout.succeeded(lockKey);
    return this.issuer.open(user, ip);
  }

  /** The second step: the challenge of a right password, and a TOTP code or an unused recovery code. */
  async completeSecondFactor(challenge: string, code: string, ip: string): Promise<SecondFactorTokenResponseDto> {
    await this.limits.login(ip);
    const userId = await this.issuer.challengedUser(challenge);
    const user = userId ? await this.users.findById(this.dataSource, userId) : undefined;
    if (!user || user.totpSecret === null) throw new ApiError('Unauthenticated', M.challengeInvalid);
    const lockKey = usernameDigest(this.config.auditUsernameKey, user.username);
    const reservation: Reservation = await this.lockout.reserve(lockKey);
    if (reservation.kind === 'locked') return this.refuseLocked(user.username, ip, reservation.retryAfterSeconds, 'auth.login_refused_locked');
    await this.refuseIfDisabled(user, ip);

    const kind = looksLikeRecoveryCode(code) ? 'recovery_code' : 'totp';
    const accepted = kind === 'recovery_code'
      ? await this.users.spendRecoveryCode(this.dataSource, user.id, recoveryCodeHash(code))
      : await this.spendTotp(user, code.trim());
    if (!accepted) {
      await this.audit.append({
        actor: user.username, agency: user.agencyCode, action: 'auth.second_factor_failed', entityType: 'user', entityId: user.id,
        details: { ip, kind },
      });
      if (reservation.locking) await this.refuseLocked(user.username, ip, this.lockout.lockoutSeconds, 'auth.locked');
      throw new ApiError('Unauthenticated', M.badSecondFactor);
    }
    await this.lockout.succeeded(lockKey);
    const token = await this.issuer.open(user, ip, { secondFactor: kind });
    if (kind === 'totp') return token;
    return { ...token, recoveryCodesLeft: await this.users.remainingRecoveryCodes(this.dataSource, user.id) };
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

  private async spendTotp(user: UserRecord, code: string): Promise<boolean> {
    const step = matchTotp(user.totpSecret ?? '', code, user.totpLastStep);
    return step !== null && this.users.spendTotpStep(this.dataSource, user.id, step);
  }

  /** Checked only once the password was right, so the answer tells nothing to someone without it. */
  private async refuseIfDisabled(user: UserRecord, ip: string): Promise<void> {
    if (user.disabledAt === null) return;
    await this.audit.append({
      actor: user.username, agency: user.agencyCode, action: 'auth.login_refused_disabled', entityType: 'user', entityId: user.id,
      details: { ip },
    });
    throw new ApiError('Forbidden', M.accountDisabled);
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
