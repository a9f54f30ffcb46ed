import { Db, query, queryOne } from '../db/sql';

export type UserStatus = 'ACTIVE' | 'DISABLED';

/** A user as administrators see it: never the password hash nor the factor's secret. */
export interface AdminUserView {
  id: string; username: string; fullName: string; agency: string; roles: string[]; phone: string | null;
  status: UserStatus; secondFactor: boolean; mustChangePassword: boolean; createdAt: Date; updatedAt: Date;
}

export interface UserFilter { agency?: string; role?: string; status?: UserStatus }

export interface SessionView { id: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; ip: string | null; scope: string | null }

interface AdminUserRow {
  id: string; username: string; full_name: string; agency_code: string; roles: string[]; phone: string | null;
  disabled: boolean; second_factor: boolean; must_change_password: boolean; created_at: Date; updated_at: Date;
}

const COLUMNS = `id, username, full_name, agency_code, roles, phone, disabled_at IS NOT NULL AS disabled,
  totp_secret IS NOT NULL AS second_factor, must_change_password, created_at, updated_at`;

const toView = (r: AdminUserRow): AdminUserView => ({
  id: r.id, username: r.username, fullName: r.full_name, agency: r.agency_code, roles: r.roles, phone: r.phone,
  status: r.disabled ? 'DISABLED' : 'ACTIVE', secondFactor: r.second_factor, mustChangePassword: r.must_change_password,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

export interface NewUser { id: string; username: string; passwordHash: string; agency: string; roles: string[]; fullName: string; phone: string | null }
export interface UserChanges { roles?: string[]; agency?: string; fullName?: string; phone?: string | null }

/** The users table as the administration pages read and change it. */
export class UserAdminRepository {
  /** Newest first, keyset paged over (created_at, id). */
  async page(db: Db, filter: UserFilter, limit: number, after: { createdAt: Date; id: string } | null): Promise<AdminUserView[]> {
    const rows = await query<AdminUserRow>(db,
      `SELECT ${COLUMNS} FROM users
        WHERE ($1::text IS NULL OR agency_code = $1) AND ($2::text IS NULL OR $2 = ANY (roles))
          AND ($3::text IS NULL OR (disabled_at IS NOT NULL) = ($3 = 'DISABLED'))
          AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $6`,
      [filter.agency ?? null, filter.role ?? null, filter.status ?? null, after?.createdAt ?? null, after?.id ?? null, limit]);
    return rows.map(toView);
  }

  async get(db: Db, id: string): Promise<AdminUserView | undefined> {
    const row = await queryOne<AdminUserRow>(db, `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return row && toView(row);
  }

  /** The row locked for a change (null when it does not exist). */
  async lock(db: Db, id: string): Promise<AdminUserView | undefined> {
    const row = await queryOne<AdminUserRow>(db, `SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
    return row && toView(row);
  }

  /** False when the username is taken. */
  async create(db: Db, user: NewUser): Promise<boolean> {
    const rows = await query<{ id: string }>(db,
      `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name, phone, must_change_password)
       VALUES ($1, $2, $3, $4, $5, $6, $7, true) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [user.id, user.username, user.passwordHash, user.agency, user.roles, user.fullName, user.phone]);
    return rows.length === 1;
  }

  async update(db: Db, id: string, changes: UserChanges): Promise<void> {
    await db.query(
      `UPDATE users SET roles = coalesce($2, roles), agency_code = coalesce($3, agency_code), full_name = coalesce($4, full_name),
         phone = CASE WHEN $5 THEN $6 ELSE phone END, updated_at = now() WHERE id = $1`,
      [id, changes.roles ?? null, changes.agency ?? null, changes.fullName ?? null, changes.phone !== undefined, changes.phone ?? null]);
  }

  async setDisabled(db: Db, id: string, disabled: boolean): Promise<void> {
    await db.query(`UPDATE users SET disabled_at = CASE WHEN $2 THEN now() ELSE NULL END, updated_at = now() WHERE id = $1`, [id, disabled]);
  }

  async sessions(db: Db, userId: string): Promise<SessionView[]> {
    const rows = await query<{ jti: string; created_at: Date; last_seen_at: Date; expires_at: Date; ip: string | null; scope: string | null }>(db,
      `SELECT jti, created_at, last_seen_at, expires_at, ip, scope FROM sessions
        WHERE user_id = $1 AND expires_at > now() ORDER BY created_at DESC LIMIT 200`, [userId]);
    return rows.map((r) => ({ id: r.jti, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, ip: r.ip, scope: r.scope }));
  }
}
