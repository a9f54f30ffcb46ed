import { Db, query, queryOne } from '../db/sql';

export const AGENCY_KINDS = ['FEDERAL', 'STATE', 'LOCAL', 'FOREIGN_PARTNER'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const COUNTRIES = ['US', 'MX', 'CA'] as const;
export type Country = (typeof COUNTRIES)[number];

export interface AgencyRecord {
  code: string; name: string; country: Country; kind: AgencyKind; retiredAt: Date | null; createdAt: Date; users: number;
}
export interface ContactPoint {
  id: string; agency: string; label: string; name: string | null; email: string | null; phone: string | null; createdAt: Date;
}
export interface AgencyChanges { name?: string; country?: Country; kind?: AgencyKind }
export interface ContactPointFields { label?: string; name?: string | null; email?: string | null; phone?: string | null }

interface AgencyRow { code: string; name: string; country: Country; kind: AgencyKind; retired_at: Date | null; created_at: Date; users: number }
interface ContactRow { id: string; agency_code: string; label: string; name: string | null; email: string | null; phone: string | null; created_at: Date }

const toAgency = (r: AgencyRow): AgencyRecord => ({
  code: r.code, name: r.name, country: r.country, kind: r.kind, retiredAt: r.retired_at, createdAt: r.created_at, users: r.users,
});
const toContact = (r: ContactRow): ContactPoint => ({
  id: r.id, agency: r.agency_code, label: r.label, name: r.name, email: r.email, phone: r.phone, createdAt: r.created_at,
});
const SELECT_AGENCY = `SELECT a.code, a.name, a.country, a.kind, a.retired_at, a.created_at,
  (SELECT count(*)::int FROM users u WHERE u.agency_code = a.code) AS users FROM agencies a`;

/** Agencies and their contact points as administrators keep them. */
export class AgencyAdminRepository {
  async list(db: Db): Promise<AgencyRecord[]> {
    return (await query<AgencyRow>(db, `${SELECT_AGENCY} ORDER BY a.country DESC, a.code`)).map(toAgency);
  }

  async get(db: Db, code: string, forUpdate = false): Promise<AgencyRecord | undefined> {
    const row = await queryOne<AgencyRow>(db, `${SELECT_AGENCY} WHERE a.code = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`, [code]);
    return row && toAgency(row);
  }

  /** False when the code exists. */
  async create(db: Db, agency: { code: string; name: string; country: Country; kind: AgencyKind }): Promise<boolean> {
    const rows = await query<{ code: string }>(db,
      `INSERT INTO agencies (code, name, country, kind) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [agency.code, agency.name, agency.country, agency.kind]);
    return rows.length === 1;
  }

  async update(db: Db, code: string, changes: AgencyChanges): Promise<void> {
    await db.query(
      `UPDATE agencies SET name = coalesce($2, name), country = coalesce($3, country), kind = coalesce($4, kind) WHERE code = $1`,
      [code, changes.name ?? null, changes.country ?? null, changes.kind ?? null]);
  }

  async setRetired(db: Db, code: string, retired: boolean): Promise<void> {
    await db.query(`UPDATE agencies SET retired_at = CASE WHEN $2 THEN now() ELSE NULL END WHERE code = $1`, [code, retired]);
  }

  /** Deletes the agency and its contact points; any other row naming it makes PostgreSQL refuse (foreign key). */
  async delete(db: Db, code: string): Promise<void> {
    await db.query('DELETE FROM agency_contact_points WHERE agency_code = $1', [code]);
    await db.query('DELETE FROM agencies WHERE code = $1', [code]);
  }

  async contactPoints(db: Db, code: string): Promise<ContactPoint[]> {
    return (await query<ContactRow>(db,
      `SELECT id, agency_code, label, name, email, phone, created_at FROM agency_contact_points
        WHERE agency_code = $1 ORDER BY created_at, id`, [code])).map(toContact);
  }

  async contactPoint(db: Db, code: string, id: string): Promise<ContactPoint | undefined> {
    const row = await queryOne<ContactRow>(db,
      `SELECT id, agency_code, label, name, email, phone, created_at FROM agency_contact_points WHERE agency_code = $1 AND id = $2`,
      [code, id]);
    return row && toContact(row);
  }

  async addContactPoint(db: Db, point: Omit<ContactPoint, 'createdAt'>): Promise<ContactPoint> {
    const rows = await query<ContactRow>(db,
      `INSERT INTO agency_contact_points (id, agency_code, label, name, email, phone) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, agency_code, label, name, email, phone, created_at`,
      [point.id, point.agency, point.label, point.name, point.email, point.phone]);
    return toContact(rows[0]);
  }

  async updateContactPoint(db: Db, id: string, fields: ContactPointFields): Promise<void> {
    await db.query(
      `UPDATE agency_contact_points SET label = coalesce($2, label),
         name = CASE WHEN $3 THEN $4 ELSE name END, email = CASE WHEN $5 THEN $6 ELSE email END,
         phone = CASE WHEN $7 THEN $8 ELSE phone END WHERE id = $1`,
      [id, fields.label ?? null, fields.name !== undefined, fields.name ?? null, fields.email !== undefined, fields.email ?? null,
        fields.phone !== undefined, fields.phone ?? null]);
  }

  async deleteContactPoint(db: Db, id: string): Promise<void> {
    await db.query('DELETE FROM agency_contact_points WHERE id = $1', [id]);
  }
}
