import { Db, query, queryOne } from '../db/sql';
import { secretCipher, secretPlace } from '../secrets/secret-cipher';

export interface UserRecord {
  id: string; username: string; passwordHash: string; agencyCode: string; roles: string[]; fullName: string;
  phone: string | null; createdAt: Date; disabledAt: Date | null; mustChangePassword: boolean;
  /** The confirmed TOTP secret (null: no second factor) and the one being enrolled, in clear (sealed at rest). */
  totpSecret: string | null; totpPendingSecret: string | null; totpLastStep: number | null;
}

interface UserRow {
  id: string; username: string; password_hash: string; agency_code: string; roles: string[]; full_name: string;
  phone: string | null; created_at: Date; disabled_at: Date | null; must_change_password: boolean;
  totp_secret: string | null; totp_pending_secret: string | null; totp_last_step: string | null;
}

const COLUMNS = `id, username, password_hash, agency_code, roles, full_name, phone, created_at, disabled_at, must_change_password,
  totp_secret, totp_pending_secret, totp_last_step`;

/** TOTP secrets are stored sealed (SECRETS_KEYS), bound to their user; reading opens them. */
const openTotp = (userId: string, sealed: string | null): string | null =>
  sealed === null ? null : secretCipher().open(sealed, secretPlace.totp(userId));

const toRecord = (r: UserRow): UserRecord => ({
  id: r.id, username: r.username, passwordHash: r.password_hash, agencyCode: r.agency_code, roles: r.roles,
  fullName: r.full_name, phone: r.phone, createdAt: new Date(r.created_at), disabledAt: r.disabled_at,
  mustChangePassword: r.must_change_password, totpSecret: openTotp(r.id, r.totp_secret), totpPendingSecret: openTotp(r.id, r.totp_pending_secret),
  totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
});

/** The users table as sign-in and the second factor read and write it. */
export class UserRepository {
  async findByUsername(db: Db, username: string): Promise<UserRecord | undefined> {
    const row = await queryOne<UserRow>(db, `SELECT ${COLUMNS} FROM users WHERE username = $1`, [username]);
    return row && toRecord(row);
  }

  async findById(db: Db, id: string): Promise<UserRecord | undefined> {
    const row = await queryOne<UserRow>(db, `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return row && toRecord(row);
  }

  async setPasswordHash(db: Db, id: string, passwordHash: string, mustChangePassword: boolean): Promise<void> {
    await db.query('UPDATE users SET password_hash = $2, must_change_password = $3, updated_at = now() WHERE id = $1',
      [id, passwordHash, mustChangePassword]);
  }

  /** Only a hash in an older format is replaced, so a concurrent password change is never undone. */
  async upgradePasswordHash(db: Db, id: string, oldHash: string, newHash: string): Promise<void> {
    await db.query('UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [id, oldHash, newHash]);
  }

  async setPendingTotp(db: Db, id: string, secret: string): Promise<void> {
    await db.query('UPDATE users SET totp_pending_secret = $2, updated_at = now() WHERE id = $1',
      [id, secretCipher().seal(secret, secretPlace.totp(id))]);
  }

  /** The pending secret becomes the factor (sealed for the same user, it moves as it is); the step its code matched is spent. */
  async activateTotp(db: Db, id: string, step: number): Promise<void> {
    await db.query(
      `UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = $2, updated_at = now()
       WHERE id = $1`, [id, step]);
  }

  /** Spends a code's time step; false when that step (or a later one) was already used, e.g. by a racing request. */
  async spendTotpStep(db: Db, id: string, step: number): Promise<boolean> {
    const rows = await query<{ id: string }>(db,
      `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`, [id, step]);
    return rows.length === 1;
  }

  async replaceRecoveryCodes(db: Db, id: string, hashes: string[]): Promise<void> {
    await db.query('DELETE FROM mfa_recovery_codes WHERE user_id = $1', [id]);
    await db.query(
      'INSERT INTO mfa_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])', [id, hashes]);
  }

  /** Marks an unused recovery code used; false when it is unknown or was used before. */
  async spendRecoveryCode(db: Db, id: string, hash: string): Promise<boolean> {
    const rows = await query<{ user_id: string }>(db,
      `UPDATE mfa_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id`,
      [id, hash]);
    return rows.length === 1;
  }

  async remainingRecoveryCodes(db: Db, id: string): Promise<number> {
    const row = await queryOne<{ n: number }>(db,
      'SELECT count(*)::int AS n FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL', [id]);
    return row?.n ?? 0;
  }

  async clearSecondFactor(db: Db, id: string): Promise<void> {
    await db.query(
      `UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = NULL, updated_at = now() WHERE id = $1`, [id]);
    await db.query('DELETE FROM mfa_recovery_codes WHERE user_id = $1', [id]);
  }
}
