import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { LoginLockout } from '../../../../libs/auth/login-lockout';
import { hashPassword, verifyPassword } from '../../../../libs/auth/password';
import { newRecoveryCodes, recoveryCodeHash } from '../../../../libs/auth/recovery-codes';
import type { AuthUser } from '../../../../libs/auth/roles';
import { matchTotp, newEnrolment } from '../../../../libs/auth/second-factor';
import { SessionScope, SessionStore } from '../../../../libs/auth/session-store';
import { UserRecord, UserRepository } from '../../../../libs/auth/user.repository';
import { usernameDigest } from '../../../../libs/auth/username-pseudonym';
import type { AppConfig } from '../../../../libs/config/config';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';
import { InjectConfig } from '../infra/tokens';
import { EnrolmentDto, PasswordChangedDto, RecoveryCodesDto } from './dto/account.dto';
import { assertAcceptablePassword } from './password-refusal';
import { SessionIssuer } from './session-issuer';

/** What signed-in users do to their own account: enrol a second factor, change their password. */
@Injectable()
export class AccountApi {
  private readonly users = new UserRepository();

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditStore,
    private readonly sessions: SessionStore,
    private readonly lockout: LoginLockout,
    private readonly issuer: SessionIssuer,
  ) {}

  /** A new secret waits (pending) until a code from it is confirmed; a second call replaces it. */
  async startEnrolment(caller: AuthUser): Promise<EnrolmentDto> {
    const user = await this.user(caller);
    if (user.totpSecret !== null) throw new ApiError('Conflict', M.secondFactorEnrolled);
    const enrolment = await newEnrolment(user.username);
    await this.dataSource.transaction(async (tx) => {
      await this.users.setPendingTotp(tx, user.id, enrolment.secret);
      await this.audit.append({
        actor: user.username, agency: user.agencyCode, action: 'auth.mfa_enrolment_started', entityType: 'user', entityId: user.id, details: {},
      }, tx);
    });
    return enrolment;
  }

  /** A right code activates the factor; the recovery codes are answered this once and kept only as hashes. */
  async confirmEnrolment(caller: AuthUser, sessionId: string, scope: SessionScope | null, code: string): Promise<RecoveryCodesDto> {
    const user = await this.user(caller);
    if (user.totpSecret !== null) throw new ApiError('Conflict', M.secondFactorEnrolled);
    if (user.totpPendingSecret === null) throw new ApiError('Conflict', M.secondFactorNotEnrolling);
    const step = matchTotp(user.totpPendingSecret, code.trim(), null);
    if (step === null) {
      await this.audit.append({
        actor: user.username, agency: user.agencyCode, action: 'auth.mfa_confirm_failed', entityType: 'user', entityId: user.id, details: {},
      });
      throw new ApiError('ValidationFailed', M.badSecondFactor, {}, {
        errors: [{ field: 'code', message: M.badSecondFactor.en, es: M.badSecondFactor.es, constraint: 'second_factor' }],
      });
    }
    const recoveryCodes = newRecoveryCodes();
    await this.dataSource.transaction(async (tx) => {
      await this.users.activateTotp(tx, user.id, step);
      await this.users.replaceRecoveryCodes(tx, user.id, recoveryCodes.map(recoveryCodeHash));
      await this.audit.append({
        actor: user.username, agency: user.agencyCode, action: 'auth.mfa_enrolled', entityType: 'user', entityId: user.id,
        details: { recoveryCodes: recoveryCodes.length },
      }, tx);
      // The step this session was held at is done: it becomes a full session.
      if (scope === 'ENROL_SECOND_FACTOR') await this.sessions.rescope(tx, sessionId, null);
    });
    return { recoveryCodes };
  }

  /**
   * The current password is checked like a login (counted in the lockout), so a token left open does not let anyone
   * guess it. The user's other sessions end; this one goes on (to a missing factor's enrolment, if any).
   */
  async changePassword(
    caller: AuthUser, sessionId: string, scope: SessionScope | null, currentPassword: string, newPassword: string, ip: string,
  ): Promise<PasswordChangedDto> {
    const user = await this.user(caller);
    const lockKey = usernameDigest(this.config.auditUsernameKey, user.username);
    const reservation = await this.lockout.reserve(lockKey);
    if (reservation.kind === 'locked') {
      throw new ApiError('TooManyRequests', M.accountLocked, { seconds: reservation.retryAfterSeconds }, {
        headers: { 'retry-after': String(reservation.retryAfterSeconds) },
      });
    }
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      await this.audit.append({
        actor: user.username, agency: user.agencyCode, action: 'auth.password_change_failed', entityType: 'user', entityId: user.id,
        details: { ip, reason: 'wrong current password' },
      });
      throw new ApiError('ValidationFailed', M.wrongCurrentPassword, {}, {
        errors: [{ field: 'currentPassword', message: M.wrongCurrentPassword.en, es: M.wrongCurrentPassword.es, constraint: 'current_password' }],
      });
    }
    await this.lockout.succeeded(lockKey);
    assertAcceptablePassword(newPassword, user.username, 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    const next = scope === 'CHANGE_PASSWORD' ? (this.issuer.mustEnrol(user) ? 'ENROL_SECOND_FACTOR' : null) : scope;
    await this.dataSource.transaction(async (tx) => {
      await this.users.setPasswordHash(tx, user.id, passwordHash, false);
      await tx.query('DELETE FROM sessions WHERE user_id = $1 AND jti <> $2', [user.id, sessionId]);
      if (scope === 'CHANGE_PASSWORD') await this.sessions.rescope(tx, sessionId, next);
      await this.audit.append({
        actor: user.username, agency: user.agencyCode, action: 'auth.password_changed', entityType: 'user', entityId: user.id,
        details: { ip, wasRequired: user.mustChangePassword },
      }, tx);
    });
    return { pendingStep: next };
  }

  private async user(caller: AuthUser): Promise<UserRecord> {
    const user = await this.users.findById(this.dataSource, caller.userId);
    if (!user) throw new ApiError('Unauthenticated', M.unauthenticated);
    return user;
  }
}
