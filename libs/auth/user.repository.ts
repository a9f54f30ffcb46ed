import { Db, queryOne } from '../db/sql';

export interface UserRecord {
  id: string; username: string; passwordHash: string; agencyCode: string; roles: string[]; fullName: string;
  phone: string | null; createdAt: Date;
}

interface UserRow {
  id: string; username: string; password_hash: string; agency_code: string; roles: string[]; full_name: string;
  phone: string | null; created_at: Date;
}

const toRecord = (r: UserRow): UserRecord => ({
  id: r.id, username: r.username, passwordHash: r.password_hash, agencyCode: r.agency_code, roles: r.roles,
  fullName: r.full_name, phone: r.phone, createdAt: new Date(r.created_at),
});

/** The users table as sign-in reads it. */
export class UserRepository {
  async findByUsername(db: Db, username: string): Promise<UserRecord | undefined> {
    const row = await queryOne<UserRow>(db,
      'SELECT id, username, password_hash, agency_code, roles, full_name, phone, created_at FROM users WHERE username = $1', [username]);
    return row && toRecord(row);
  }
}
