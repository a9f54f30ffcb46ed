import type { EntityManager } from 'typeorm';
import { Db, query, queryOne } from '../db/sql';

export interface Arrestee { fullName: string; photoRef?: string; criminalHistoryRef?: string; dateOfBirth?: string }
export interface PointOfContact { name: string; agency: string; phone: string }

export interface SeizureFirearmRecord {
  id: string; serialNumber: string; serialObliterated: boolean; obliterationNotes: string | null; make: string | null;
  model: string | null; importer: string | null; caliber: string | null; caliberClass: string | null; action: string | null;
}

export interface SeizureRecord {
  id: string; owningAgency: string; createdBy: string; caseId: string | null; seizedAt: Date;
  latitude: number | null; longitude: number | null; locationDescription: string | null; circumstances: string | null;
  finder: string | null; seizingOfficial: string | null; forensicProcessor: string | null;
  arrestees: Arrestee[]; noArrests: boolean;
  pointsOfContact: PointOfContact[]; readyToShare: boolean; workflowId: string;
  /** Deconfliction passes queued after creation (firearms added by PATCH); 0 for a seizure never patched so. */
  watchPass: number;
  firearms: SeizureFirearmRecord[];
  sharedWith: string[];
  createdAt: Date; updatedAt: Date;
}

/** The arrestees column keeps the list and the "no arrests" statement together. */
interface ArresteesColumn { list?: Arrestee[]; noArrests?: boolean }

interface SeizureRow {
  id: string; owning_agency: string; created_by: string; case_id: string | null; seized_at: Date;
  latitude: number | null; longitude: number | null; location_description: string | null; circumstances: string | null;
  finder: string | null; seizing_official: string | null; forensic_processor: string | null; arrestees: ArresteesColumn;
  points_of_contact: PointOfContact[]; ready_to_share: boolean; workflow_id: string; watch_pass: number; created_at: Date; updated_at: Date;
}
interface FirearmRow {
  id: string; serial_number: string; serial_obliterated: boolean; obliteration_notes: string | null; make: string | null;
  model: string | null; importer: string | null; caliber: string | null; caliber_class: string | null; action: string | null;
}

const toFirearm = (f: FirearmRow): SeizureFirearmRecord => ({
  id: f.id, serialNumber: f.serial_number, serialObliterated: f.serial_obliterated, obliterationNotes: f.obliteration_notes,
  make: f.make, model: f.model, importer: f.importer, caliber: f.caliber, caliberClass: f.caliber_class, action: f.action,
});
const toRecord = (s: SeizureRow, firearms: FirearmRow[], shares: { agency_code: string }[]): SeizureRecord => ({
  id: s.id, owningAgency: s.owning_agency, createdBy: s.created_by, caseId: s.case_id, seizedAt: new Date(s.seized_at),
  latitude: s.latitude, longitude: s.longitude, locationDescription: s.location_description, circumstances: s.circumstances,
  finder: s.finder, seizingOfficial: s.seizing_official, forensicProcessor: s.forensic_processor,
  arrestees: s.arrestees.list ?? [], noArrests: Boolean(s.arrestees.noArrests), pointsOfContact: s.points_of_contact,
  readyToShare: s.ready_to_share, workflowId: s.workflow_id, watchPass: s.watch_pass, firearms: firearms.map(toFirearm),
  sharedWith: shares.map((x) => x.agency_code), createdAt: new Date(s.created_at), updatedAt: new Date(s.updated_at),
});

/** Column values of a new seizure; the service decides them. */
export interface NewSeizure {
  id: string; owningAgency: string; createdBy: string; caseId: string | null; seizedAt: string | undefined;
  latitude: number | null; longitude: number | null; locationDescription: string | null; circumstances: string | null;
  finder: string | null; seizingOfficial: string | null; forensicProcessor: string | null; arrestees: ArresteesColumn;
  pointsOfContact: PointOfContact[]; workflowId: string; at: Date;
}

/** Fields a patch replaces; a null keeps the stored value (the arrestees column is always written whole). */
export type SeizurePatch = Omit<NewSeizure, 'id' | 'owningAgency' | 'createdBy' | 'caseId' | 'workflowId' | 'seizedAt' | 'pointsOfContact'>
  & { seizedAt: string | null; pointsOfContact: PointOfContact[] | null };

export interface NewSeizureFirearm {
  id: string; serialNumber: string | undefined; serialObliterated: boolean; obliterationNotes: string | null; make: string | null;
  model: string | null; importer: string | null; caliber: string | null; caliberClass: string | null; action: string | null; position: number;
}

/** A firearm's completion; null keeps the stored value. `caliberClass` is written only with a caliber. */
export type SeizureFirearmPatch = Omit<NewSeizureFirearm, 'serialNumber' | 'serialObliterated' | 'position'> & { serialObliterated: boolean | null };

/** The seizures, seizure_firearms and seizure_shares tables: SQL only, completeness is SeizureService's. */
export class SeizureRepository {
  async insert(tx: EntityManager, s: NewSeizure): Promise<void> {
    await tx.query(
      `INSERT INTO seizures (id, owning_agency, created_by, case_id, seized_at, latitude, longitude, location_description,
         circumstances, finder, seizing_official, forensic_processor, arrestees, points_of_contact, workflow_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)`,
      [s.id, s.owningAgency, s.createdBy, s.caseId, s.seizedAt, s.latitude, s.longitude, s.locationDescription, s.circumstances,
        s.finder, s.seizingOfficial, s.forensicProcessor, JSON.stringify(s.arrestees), JSON.stringify(s.pointsOfContact), s.workflowId, s.at],
    );
  }

  async insertFirearm(tx: EntityManager, seizureId: string, f: NewSeizureFirearm, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO seizure_firearms (id, seizure_id, serial_number, serial_obliterated, obliteration_notes, make, model,
         importer, caliber, caliber_class, action, created_at, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
      [f.id, seizureId, f.serialNumber, f.serialObliterated, f.obliterationNotes, f.make, f.model, f.importer, f.caliber,
        f.caliberClass, f.action, at, f.position],
    );
  }

  async update(tx: EntityManager, id: string, p: SeizurePatch): Promise<void> {
    await tx.query(
      `UPDATE seizures SET seized_at = coalesce($2, seized_at), latitude = coalesce($3, latitude),
         longitude = coalesce($4, longitude), location_description = coalesce($5, location_description),
         circumstances = coalesce($6, circumstances), finder = coalesce($7, finder),
         seizing_official = coalesce($8, seizing_official), forensic_processor = coalesce($9, forensic_processor),
         arrestees = $10, points_of_contact = coalesce($11, points_of_contact), updated_at = $12
       WHERE id = $1`,
      [id, p.seizedAt, p.latitude, p.longitude, p.locationDescription, p.circumstances, p.finder, p.seizingOfficial,
        p.forensicProcessor, JSON.stringify(p.arrestees), p.pointsOfContact ? JSON.stringify(p.pointsOfContact) : null, p.at],
    );
  }

  async updateFirearm(tx: EntityManager, seizureId: string, f: SeizureFirearmPatch): Promise<void> {
    await tx.query(
      `UPDATE seizure_firearms SET serial_obliterated = coalesce($3, serial_obliterated),
         obliteration_notes = coalesce($4, obliteration_notes), make = coalesce($5, make), model = coalesce($6, model),
         importer = coalesce($7, importer), caliber = coalesce($8, caliber),
         caliber_class = CASE WHEN $8::text IS NULL THEN caliber_class ELSE $9 END, action = coalesce($10, action)
       WHERE id = $1 AND seizure_id = $2`,
      [f.id, seizureId, f.serialObliterated, f.obliterationNotes, f.make, f.model, f.importer, f.caliber, f.caliberClass, f.action],
    );
  }

  /**
   * Takes off watch the arrestees' person keys of this seizure that are not among `keptKeyIds` (arrestees a PATCH
   * removed): a case opened later no longer meets them. Returns the keys removed. Hits already raised stay as they are.
   */
  async unwatchArrestees(tx: EntityManager, seizureId: string, keptKeyIds: string[]): Promise<string[]> {
    const rows = await query<{ id: string }>(tx,
      'DELETE FROM person_keys WHERE seizure_id = $1 AND NOT (id = ANY($2::uuid[])) RETURNING id', [seizureId, keptKeyIds]);
    return rows.map((r) => r.id);
  }

  /**
   * Queues one more deconfliction pass (firearms were added): the pass number names its workflow, and the relay starts
   * it if the API's start does not go through. Returns the new pass.
   */
  async queueWatchPass(tx: EntityManager, id: string): Promise<number> {
    const row = await queryOne<{ watch_pass: number }>(tx,
      'UPDATE seizures SET watch_pass = watch_pass + 1, workflow_started_at = NULL WHERE id = $1 RETURNING watch_pass', [id]);
    return row?.watch_pass ?? 0;
  }

  async markReadyToShare(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.query('UPDATE seizures SET ready_to_share = true, updated_at = $2 WHERE id = $1', [id, at]);
  }

  async insertShare(tx: EntityManager, id: string, agency: string, sharedBy: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO seizure_shares (seizure_id, agency_code, shared_by, shared_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (seizure_id, agency_code) DO NOTHING`, [id, agency, sharedBy, at]);
  }

  async access(db: Db, id: string, agency: string): Promise<{ owningAgency: string; shared: boolean } | undefined> {
    const row = await queryOne<{ owning_agency: string; shared: boolean }>(db,
      `SELECT s.owning_agency, EXISTS (SELECT 1 FROM seizure_shares x WHERE x.seizure_id = s.id AND x.agency_code = $2) AS shared
       FROM seizures s WHERE s.id = $1`, [id, agency]);
    return row && { owningAgency: row.owning_agency, shared: row.shared };
  }

  async exists(db: Db, id: string): Promise<boolean> {
    return (await query<{ one: number }>(db, 'SELECT 1 AS one FROM seizures WHERE id = $1', [id])).length > 0;
  }

  /** Ids of the seizures an agency owns or was shared, newest first, after the keyset `after`. */
  async idsFor(db: Db, agency: string, limit: number, after?: { createdAt: Date; id: string }): Promise<string[]> {
    const rows = await query<{ id: string }>(db,
      `SELECT s.id FROM seizures s WHERE (s.owning_agency = $1
          OR EXISTS (SELECT 1 FROM seizure_shares x WHERE x.seizure_id = s.id AND x.agency_code = $1))
          AND ($3::timestamptz IS NULL OR (s.created_at, s.id) < ($3::timestamptz, $4::uuid))
       ORDER BY s.created_at DESC, s.id DESC LIMIT $2`, [agency, limit, after?.createdAt ?? null, after?.id ?? null]);
    return rows.map((r) => r.id);
  }

  /** The seizure with its firearms and shares; `forUpdate` locks the seizure row for the transaction. */
  async find(db: Db, id: string, forUpdate = false): Promise<SeizureRecord | undefined> {
    const seizure = await queryOne<SeizureRow>(db, `SELECT * FROM seizures WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
    if (!seizure) return undefined;
    const firearms = await query<FirearmRow>(db, 'SELECT * FROM seizure_firearms WHERE seizure_id = $1 ORDER BY position', [id]);
    const shares = await query<{ agency_code: string }>(db, 'SELECT agency_code FROM seizure_shares WHERE seizure_id = $1 ORDER BY agency_code', [id]);
    return toRecord(seizure, firearms, shares);
  }
}
