import type { CountryCode } from 'libphonenumber-js';
import type { EntityManager } from 'typeorm';
import type { IdentifierType } from '../contracts/case-items';
import { Db, query, queryOne } from '../db/sql';

export interface LookoutRecord {
  id: string; ownerAgency: string; ownerUsername: string; type: string; value: string; region: string | null;
  note: string; expiresAt: Date | null; createdAt: Date;
}

export interface NewLookout {
  id: string; ownerUserId: string; ownerAgency: string; type: IdentifierType; value: string; region: string | null;
  note: string; expiresAt: Date | null; at: Date;
}

interface LookoutRow {
  id: string; owner_agency: string; owner_username: string; type: string; value: string; region: string | null;
  note: string; expires_at: Date | null; created_at: Date;
}

const toLookout = (r: LookoutRow): LookoutRecord => ({
  id: r.id, ownerAgency: r.owner_agency, ownerUsername: r.owner_username, type: r.type, value: r.value, region: r.region,
  note: r.note, expiresAt: r.expires_at ? new Date(r.expires_at) : null, createdAt: new Date(r.created_at),
});

/** A seizure as deconfliction reads it: whose it is and the serials seized. */
export interface SeizureForMatching {
  agency: string; caseId: string | null;
  firearms: { id: string; serialNumber: string; serialObliterated: boolean }[];
}

/**
 * What the deconfliction use cases read and write besides keys (MatchingRepository), hits (HitRepository) and checks
 * (CheckRepository): agencies' countries, seized serials, lookouts.
 */
export class DeconflictionRepository {
  /** The country phone numbers and plates of an agency's values are read in, when the agency has one. */
  async agencyCountry(db: Db, agency: string): Promise<CountryCode | undefined> {
    return (await queryOne<{ country: CountryCode }>(db, 'SELECT country FROM agencies WHERE code = $1', [agency]))?.country;
  }

  async seizureForMatching(tx: EntityManager, seizureId: string): Promise<SeizureForMatching | undefined> {
    const seizure = await queryOne<{ owning_agency: string; case_id: string | null }>(tx,
      'SELECT owning_agency, case_id FROM seizures WHERE id = $1', [seizureId]);
    if (!seizure) return undefined;
    const firearms = await query<{ id: string; serial_number: string; serial_obliterated: boolean }>(tx,
      'SELECT id, serial_number, serial_obliterated FROM seizure_firearms WHERE seizure_id = $1', [seizureId]);
    return {
      agency: seizure.owning_agency, caseId: seizure.case_id,
      firearms: firearms.map((f) => ({ id: f.id, serialNumber: f.serial_number, serialObliterated: f.serial_obliterated })),
    };
  }

  async insertLookout(tx: EntityManager, l: NewLookout): Promise<void> {
    await tx.query(
      `INSERT INTO lookouts (id, owner_user_id, owner_agency, type, value, region, note, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [l.id, l.ownerUserId, l.ownerAgency, l.type, l.value, l.region, l.note, l.expiresAt, l.at],
    );
  }

  /** An agency's lookouts, newest first (at most 500). */
  async lookouts(db: Db, agency: string): Promise<LookoutRecord[]> {
    const rows = await query<LookoutRow>(db,
      `SELECT l.*, u.username AS owner_username FROM lookouts l JOIN users u ON u.id = l.owner_user_id
       WHERE l.owner_agency = $1 ORDER BY l.created_at DESC, l.id DESC LIMIT 500`, [agency],
    );
    return rows.map(toLookout);
  }

  async lookoutAgency(db: Db, id: string): Promise<string | undefined> {
    return (await queryOne<{ owner_agency: string }>(db, 'SELECT owner_agency FROM lookouts WHERE id = $1', [id]))?.owner_agency;
  }
}
