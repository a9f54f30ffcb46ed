import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { AgencyAdminRepository } from '../../../../libs/auth/agency-admin.repository';
import { LoginLockout } from '../../../../libs/auth/login-lockout';
import { hashPassword } from '../../../../libs/auth/password';
import type { AuthUser } from '../../../../libs/auth/roles';
import { SessionStore } from '../../../../libs/auth/session-store';
import { AdminUserView, UserAdminRepository, UserChanges, UserFilter } from '../../../../libs/auth/user-admin.repository';
import { UserRepository } from '../../../../libs/auth/user.repository';
import { usernameDigest } from '../../../../libs/auth/username-pseudonym';
import { query } from '../../../../libs/db/sql';
import type { AppConfig } from '../../../../libs/config/config';
import { ApiError } from '../common/api-error';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { listingCursor, nextCursorOf } from '../common/listing-cursor';
import { M } from '../common/messages';
import { InjectConfig } from '../infra/tokens';
import { assertAcceptablePassword } from '../auth/password-refusal';
import type { AdminUserDto, AdminUserListDto, CreateUserDto, SessionListDto, UpdateUserDto } from './dto/admin-user.dto';

const userCursor = listingCursor('admin-users');

export const adminUserView = (u: AdminUserView): AdminUserDto => ({
  id: u.id, username: u.username, fullName: u.fullName, agency: u.agency, roles: u.roles, phone: u.phone, status: u.status,
  secondFactor: u.secondFactor, mustChangePassword: u.mustChangePassword,
  createdAt: u.createdAt.toISOString(), updatedAt: u.updatedAt.toISOString(),
});

/**
 * User administration (ADMIN, installation-wide): every change is audited in the transaction that makes it, under the
 * administrator's name with the target user as the entity. Secrets (hashes, TOTP secrets) are never answered.
 */
@Injectable()
export class AdminUsersApi {
  private readonly repo = new UserAdminRepository();
  private readonly users = new UserRepository();
  private readonly agencies = new AgencyAdminRepository();

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditStore,
    private readonly sessions: SessionStore,
    private readonly lockout: LoginLockout,
    private readonly idempotency: IdempotencyService,
  ) {}

  async list(admin: AuthUser, filter: UserFilter, limit: number, cursor: string | undefined): Promise<AdminUserListDto> {
    const rows = await this.repo.page(this.dataSource, filter, limit + 1, userCursor.parse(cursor) ?? null);
    const items = rows.slice(0, limit);
    await this.auditOtherAgencies(admin, items, true);
    return { items: items.map(adminUserView), nextCursor: nextCursorOf(userCursor, rows, limit) };
  }

  async get(admin: AuthUser, id: string): Promise<AdminUserDto> {
    const user = await this.repo.get(this.dataSource, id);
    if (!user) throw new ApiError('NotFound', M.userNotFound, { id });
    await this.auditOtherAgencies(admin, [user], false);
    return adminUserView(user);
  }

  async create(admin: AuthUser, dto: CreateUserDto, key: string | undefined): Promise<IdempotentOutcome> {
    assertAcceptablePassword(dto.password, dto.username, 'password');
    const passwordHash = await hashPassword(dto.password);
    const hash = IdempotencyService.requestHash('POST /admin/users', dto);
    return this.idempotency.inTransaction(admin.userId, key, hash, async (tx) => {
      await this.assertUsableAgency(tx, dto.agency);
      const id = randomUUID();
      const created = await this.repo.create(tx, {
        id, username: dto.username, passwordHash, agency: dto.agency, roles: dto.roles, fullName: dto.fullName, phone: dto.phone ?? null,
      });
      if (!created) throw new ApiError('Conflict', M.usernameTaken, { username: dto.username });
      await this.record(tx, admin, 'admin.user_created', id, { username: dto.username, agency: dto.agency, roles: dto.roles });
      const user = await this.repo.get(tx, id);
      return { status: 201, body: adminUserView(user as AdminUserView) as unknown as Record<string, unknown> };
    });
  }

  /** Roles, agency, name, phone. A change of roles or agency ends the user's tokens (their claims no longer match). */
  async update(admin: AuthUser, id: string, dto: UpdateUserDto): Promise<AdminUserDto> {
    if (Object.values(dto).every((v) => v === undefined)) throw new ApiError('ValidationFailed', M.adminEditEmpty);
    if (id === admin.userId && dto.roles && !dto.roles.includes('ADMIN')) throw new ApiError('Forbidden', M.selfLockout);
    return this.change(admin, id, async (tx, before) => {
      if (dto.agency !== undefined && dto.agency !== before.agency) await this.assertUsableAgency(tx, dto.agency);
      const changes: UserChanges = { roles: dto.roles, agency: dto.agency, fullName: dto.fullName, phone: dto.phone };
      await this.repo.update(tx, id, changes);
      // Other API processes must not keep the old roles or agency for the rest of their touch interval.
      await this.sessions.forgetUser(tx, id);
      const previous = before as unknown as Record<string, unknown>;
      const changed = Object.fromEntries(Object.entries(changes as Record<string, unknown>).filter(([, v]) => v !== undefined)
        .map(([field, to]) => [field, { from: previous[field], to }]));
      return ['admin.user_updated', { changes: changed }];
    });
  }

  /** A disabled user cannot log in, and every token of theirs is refused at once (401, audited). */
  async setDisabled(admin: AuthUser, id: string, disabled: boolean): Promise<AdminUserDto> {
    if (disabled && id === admin.userId) throw new ApiError('Forbidden', M.selfLockout);
    return this.change(admin, id, async (tx) => {
      await this.repo.setDisabled(tx, id, disabled);
      // Sessions of a disabled user are refused while it lasts; enabling again must not bring them back.
      const ended = disabled ? 0 : await this.sessions.revokeAllOf(tx, id);
      await this.sessions.forgetUser(tx, id);
      return [disabled ? 'admin.user_disabled' : 'admin.user_enabled', disabled ? {} : { sessionsEnded: ended }];
    });
  }

  /** The user signs in with the temporary password and must then set one of their own; their sessions end. */
  async resetPassword(admin: AuthUser, id: string, temporaryPassword: string): Promise<AdminUserDto> {
    const target = await this.repo.get(this.dataSource, id);
    if (!target) throw new ApiError('NotFound', M.userNotFound, { id });
    assertAcceptablePassword(temporaryPassword, target.username, 'temporaryPassword');
    const passwordHash = await hashPassword(temporaryPassword);
    return this.change(admin, id, async (tx) => {
      await this.users.setPasswordHash(tx, id, passwordHash, true);
      const ended = await this.sessions.revokeAllOf(tx, id);
      return ['admin.user_password_reset', { sessionsEnded: ended }];
    });
  }

  /** The factor and recovery codes go; a user whose role requires one enrols again at next login. */
  async resetSecondFactor(admin: AuthUser, id: string): Promise<AdminUserDto> {
    return this.change(admin, id, async (tx) => {
      await this.users.clearSecondFactor(tx, id);
      const ended = await this.sessions.revokeAllOf(tx, id);
      return ['admin.user_second_factor_reset', { sessionsEnded: ended }];
    });
  }

  /** Clears the login lockout of the user's username. */
  async unlock(admin: AuthUser, id: string): Promise<AdminUserDto> {
    return this.change(admin, id, async (_tx, before) => {
      await this.lockout.succeeded(usernameDigest(this.config.auditUsernameKey, before.username));
      return ['admin.user_unlocked', {}];
    });
  }

  async listSessions(admin: AuthUser, id: string): Promise<SessionListDto> {
    const user = await this.repo.get(this.dataSource, id);
    if (!user) throw new ApiError('NotFound', M.userNotFound, { id });
    await this.auditOtherAgencies(admin, [user], false);
    const sessions = await this.repo.sessions(this.dataSource, id);
    return {
      items: sessions.map((s) => ({
        id: s.id, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), expiresAt: s.expiresAt.toISOString(),
        ip: s.ip, scope: s.scope,
      })),
    };
  }

  async revokeSession(admin: AuthUser, id: string, sessionId: string): Promise<void> {
    await this.change(admin, id, async (tx) => {
      const rows = await query<{ jti: string }>(tx, 'SELECT jti FROM sessions WHERE jti = $1 AND user_id = $2', [sessionId, id]);
      if (rows.length === 0) throw new ApiError('NotFound', M.sessionNotFound, { id: sessionId });
      await this.sessions.revoke(tx, sessionId);
      return ['admin.session_revoked', { session: sessionId }];
    });
  }

  /** Locks the user's row, applies the change and appends its audit entry in one transaction. */
  private async change(
    admin: AuthUser, id: string,
    work: (tx: EntityManager, before: AdminUserView) => Promise<[string, Record<string, unknown>]>,
  ): Promise<AdminUserDto> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.repo.lock(tx, id);
      if (!before) throw new ApiError('NotFound', M.userNotFound, { id });
      const [action, details] = await work(tx, before);
      await this.record(tx, admin, action, id, { username: before.username, ...details });
      return adminUserView((await this.repo.get(tx, id)) as AdminUserView);
    });
  }

  private async assertUsableAgency(tx: EntityManager, code: string): Promise<void> {
    const agency = await this.agencies.get(tx, code);
    if (!agency) throw new ApiError('ValidationFailed', M.agencyNotFound, { code }, { errors: [{ field: 'agency', message: `agency ${code} does not exist`, es: `la agencia ${code} no existe` }] });
    if (agency.retiredAt) throw new ApiError('ValidationFailed', M.agencyRetired, { code }, { errors: [{ field: 'agency', message: `agency ${code} is retired`, es: `la agencia ${code} está retirada` }] });
  }

  private async record(tx: EntityManager, admin: AuthUser, action: string, userId: string, details: Record<string, unknown>): Promise<void> {
    await this.audit.append({ actor: admin.username, agency: admin.agency, action, entityType: 'user', entityId: userId, details }, tx);
  }

  /** Accounts of other agencies are their data: reading them is audited like any cross-agency read. */
  private async auditOtherAgencies(admin: AuthUser, users: AdminUserView[], list: boolean): Promise<void> {
    const foreign = users.filter((u) => u.agency !== admin.agency).map((u) => ({ id: u.id, agencies: [u.agency] }));
    if (foreign.length === 0) return;
    await this.audit.append({
      actor: admin.username, agency: admin.agency, action: 'user.read_other_agency', entityType: 'user',
      entityId: list ? null : foreign[0].id, details: { records: foreign, ...(list ? { returned: users.length } : {}) },
    });
  }
}
