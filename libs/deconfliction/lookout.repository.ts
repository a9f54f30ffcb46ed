import type { EntityManager } from 'typeorm';
import { Db, query, queryOne } from '../db/sql';

export interface LookoutRecord {
  id: string; ownerAgency: string; ownerUsername: string; type: string; value: string; region: string | null;
  /** PERSON lookouts: the date of birth watched for, when given. */
  dateOfBirth: string | null;
  note: string; expiresAt: Date | null; createdAt: Date;
  cancelledAt: Date | null; cancelledBy: string | null; cancelReason: string | null;
}

export interface NewLookout {
  id: string; ownerUserId: string; ownerAgency: string; type: string; value: string; region: string | null;
  note: string; expiresAt: Date | null; at: Date;
  /** PERSON and ORGANIZATION lookouts: the subject as it is matched. */
  subject: Record<string, string | null> | null;
}

interface LookoutRow {
  id: string; owner_agency: string; owner_username: string; type: string; value: string; region: string | null;
  note: string; expires_at: Date | null; created_at: Date; cancelled_at: Date | null; cancelled_by: string | null;
  cancel_reason: string | null; subject: { dateOfBirth?: string | null } | null;
}

const toLookout = (r: LookoutRow): LookoutRecord => ({
  id: r.id, ownerAgency: r.owner_agency, ownerUsername: r.owner_username, type: r.type, value: r.value, region: r.region,
  dateOfBirth: r.subject?.dateOfBirth ?? null,
  note: r.note, expiresAt: r.expires_at ? new Date(r.expires_at) : null, createdAt: new Date(r.created_at),
  cancelledAt: r.cancelled_at ? new Date(r.cancelled_at) : null, cancelledBy: r.cancelled_by, cancelReason: r.cancel_reason,
});

const SELECT_LOOKOUT = 'SELECT l.*, u.username AS owner_username FROM lookouts l JOIN users u ON u.id = l.owner_user_id';

/** The lookouts table (and the expiry of a lookout's match keys): SQL only, the use cases are LookoutService's. */
export class LookoutRepository {
  async insert(tx: EntityManager, l: NewLookout): Promise<void> {
    await tx.query(
      `INSERT INTO lookouts (id, owner_user_id, owner_agency, type, value, region, note, expires_at, created_at, subject)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [l.id, l.ownerUserId, l.ownerAgency, l.type, l.value, l.region, l.note, l.expiresAt, l.at, l.subject === null ? null : JSON.stringify(l.subject)],
    );
  }

  /** An agency's lookouts, newest first, after the keyset `after`. */
  async page(db: Db, agency: string, limit: number, after?: { createdAt: Date; id: string }): Promise<LookoutRecord[]> {
    const rows = await query<LookoutRow>(db,
      `${SELECT_LOOKOUT} WHERE l.owner_agency = $1
         AND ($3::timestamptz IS NULL OR (l.created_at, l.id) < ($3::timestamptz, $4::uuid))
       ORDER BY l.created_at DESC, l.id DESC LIMIT $2`, [agency, limit, after?.createdAt ?? null, after?.id ?? null]);
    return rows.map(toLookout);
  }

  async find(db: Db, id: string): Promise<LookoutRecord | undefined> {
    const row = await queryOne<LookoutRow>(db, `${SELECT_LOOKOUT} WHERE l.id = $1`, [id]);
    return row && toLookout(row);
  }

  async ownerAgency(db: Db, id: string): Promise<string | undefined> {
    return (await queryOne<{ owner_agency: string }>(db, 'SELECT owner_agency FROM lookouts WHERE id = $1', [id]))?.owner_agency;
  }

  /** True when this call cancelled it (a lookout is cancelled once). */
  async markCancelled(tx: EntityManager, id: string, by: string, reason: string | null, at: Date): Promise<boolean> {
    const rows = await query<{ id: string }>(tx,
      `UPDATE lookouts SET cancelled_at = $2, cancelled_by = $3, cancel_reason = $4 WHERE id = $1 AND cancelled_at IS NULL RETURNING id`,
      [id, at, by, reason]);
    return rows.length > 0;
  }

  /** The lookout's keys stop matching from `at` (probes read only keys of lookouts that have not expired). */
  async expireKeys(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.query(
      'UPDATE match_keys SET expires_at = $2 WHERE lookout_id = $1 AND (expires_at IS NULL OR expires_at > $2)', [id, at]);
    await tx.query(
      'UPDATE person_keys SET expires_at = $2 WHERE lookout_id = $1 AND (expires_at IS NULL OR expires_at > $2)', [id, at]);
  }
}
