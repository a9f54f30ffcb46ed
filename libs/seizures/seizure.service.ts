import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import { uuidFrom } from '../common/deterministic-id';
import { seizureWorkflowId } from '../contracts/workflows';
import { normalizeCaliber } from './caliber';
import { completeness, SeizureElement, SeizureFacts } from './completeness';

export interface SeizureActor { userId: string; username: string; agency: string }

export interface SeizureFirearmInput {
  id?: string;
  serialNumber?: string; serialObliterated?: boolean; obliterationNotes?: string; make?: string; model?: string;
  importer?: string; caliber?: string; action?: string;
}

export interface SeizureInput {
  seizedAt?: string;
  location?: { latitude: number; longitude: number; description?: string };
  circumstances?: string; finder?: string; seizingOfficial?: string; forensicProcessor?: string;
  firearms?: SeizureFirearmInput[];
  arrestees?: { fullName: string; photoRef?: string; criminalHistoryRef?: string }[];
  noArrests?: boolean;
  pointsOfContact?: { name: string; agency: string; phone: string }[];
  caseId?: string;
}

export interface SeizureRecord {
  id: string; owningAgency: string; createdBy: string; caseId: string | null; seizedAt: Date;
  latitude: number | null; longitude: number | null; locationDescription: string | null; circumstances: string | null;
  finder: string | null; seizingOfficial: string | null; forensicProcessor: string | null;
  arrestees: { fullName: string; photoRef?: string; criminalHistoryRef?: string }[]; noArrests: boolean;
  pointsOfContact: { name: string; agency: string; phone: string }[]; readyToShare: boolean; workflowId: string;
  firearms: {
    id: string; serialNumber: string; serialObliterated: boolean; obliterationNotes: string | null; make: string | null;
    model: string | null; importer: string | null; caliber: string | null; caliberClass: string | null; action: string | null;
  }[];
  sharedWith: string[];
  createdAt: Date; updatedAt: Date;
}

export class SeizureIncomplete extends Error {
  constructor(readonly missing: SeizureElement[]) { super(`the record lacks ${missing.join(', ')}`); }
}

type Row = Record<string, any>;
const toFacts = (s: SeizureRecord): SeizureFacts => ({
  seizedAt: s.seizedAt, location: { latitude: s.latitude, longitude: s.longitude }, circumstances: s.circumstances,
  finder: s.finder, seizingOfficial: s.seizingOfficial, forensicProcessor: s.forensicProcessor, firearms: s.firearms,
  arrestees: s.arrestees, noArrests: s.noArrests, pointsOfContact: s.pointsOfContact,
});

/** Seizure records: the ten elements, completeness, and sharing only what is complete. */
export class SeizureService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditStore) {}

  async create(tx: EntityManager, id: string, actor: SeizureActor, input: SeizureInput): Promise<SeizureRecord> {
    const at = new Date();
    await tx.query(
      `INSERT INTO seizures (id, owning_agency, created_by, case_id, seized_at, latitude, longitude, location_description,
         circumstances, finder, seizing_official, forensic_processor, arrestees, points_of_contact, workflow_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)`,
      [id, actor.agency, actor.userId, input.caseId ?? null, input.seizedAt, input.location?.latitude ?? null,
        input.location?.longitude ?? null, input.location?.description ?? null, input.circumstances ?? null,
        input.finder ?? null, input.seizingOfficial ?? null, input.forensicProcessor ?? null,
        JSON.stringify({ list: input.arrestees ?? [], noArrests: input.noArrests ?? false }),
        JSON.stringify(input.pointsOfContact ?? []), seizureWorkflowId(id), at],
    );
    await this.insertFirearms(tx, id, input.firearms ?? [], at);
    const record = (await this.load(tx, id)) as SeizureRecord;
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: 'seizure.created', entityType: 'seizure', entityId: id,
      details: { firearms: record.firearms.length, missing: completeness(toFacts(record)).missing, caseId: input.caseId ?? null },
    }, tx);
    return record;
  }

  /**
   * Completes a record: given fields replace stored ones; firearms are completed by id. The serials seized are fixed at
   * creation, when they were deconflicted.
   */
  async patch(tx: EntityManager, id: string, actor: SeizureActor, input: SeizureInput): Promise<SeizureRecord> {
    const current = await this.load(tx, id, true);
    if (!current) throw new Error(`seizure ${id} not found`);
    const at = new Date();
    const arrestees = {
      list: input.arrestees ?? current.arrestees, noArrests: input.noArrests ?? current.noArrests,
    };
    await tx.query(
      `UPDATE seizures SET seized_at = coalesce($2, seized_at), latitude = coalesce($3, latitude),
         longitude = coalesce($4, longitude), location_description = coalesce($5, location_description),
         circumstances = coalesce($6, circumstances), finder = coalesce($7, finder),
         seizing_official = coalesce($8, seizing_official), forensic_processor = coalesce($9, forensic_processor),
         arrestees = $10, points_of_contact = coalesce($11, points_of_contact), updated_at = $12
       WHERE id = $1`,
      [id, input.seizedAt ?? null, input.location?.latitude ?? null, input.location?.longitude ?? null,
        input.location?.description ?? null, input.circumstances ?? null, input.finder ?? null, input.seizingOfficial ?? null,
        input.forensicProcessor ?? null, JSON.stringify(arrestees),
        input.pointsOfContact ? JSON.stringify(input.pointsOfContact) : null, at],
    );
    for (const f of (input.firearms ?? []).filter((x) => x.id)) {
      const caliber = f.caliber === undefined ? undefined : normalizeCaliber(f.caliber)?.code ?? null;
      await tx.query(
        `UPDATE seizure_firearms SET serial_obliterated = coalesce($3, serial_obliterated),
           obliteration_notes = coalesce($4, obliteration_notes), make = coalesce($5, make), model = coalesce($6, model),
           importer = coalesce($7, importer), caliber = coalesce($8, caliber),
           caliber_class = CASE WHEN $8::text IS NULL THEN caliber_class ELSE $9 END, action = coalesce($10, action)
         WHERE id = $1 AND seizure_id = $2`,
        [f.id, id, f.serialObliterated ?? null, f.obliterationNotes ?? null, f.make ?? null, f.model ?? null,
          f.importer ?? null, f.caliber ?? null, caliber ?? null, f.action ?? null],
      );
    }
    const updated = (await this.load(tx, id)) as SeizureRecord;
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: 'seizure.updated', entityType: 'seizure', entityId: id,
      details: { fields: Object.keys(input), missing: completeness(toFacts(updated)).missing },
    }, tx);
    return updated;
  }

  /** Only a record with all ten elements may be shared (409 listing what is missing otherwise). */
  async share(tx: EntityManager, id: string, actor: SeizureActor, agencies: string[]): Promise<SeizureRecord> {
    const current = await this.load(tx, id, true);
    if (!current) throw new Error(`seizure ${id} not found`);
    const { missing } = completeness(toFacts(current));
    if (missing.length > 0) throw new SeizureIncomplete(missing);
    const at = new Date();
    await tx.query('UPDATE seizures SET ready_to_share = true, updated_at = $2 WHERE id = $1', [id, at]);
    for (const agency of agencies.filter((a) => a !== current.owningAgency)) {
      await tx.query(
        `INSERT INTO seizure_shares (seizure_id, agency_code, shared_by, shared_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (seizure_id, agency_code) DO NOTHING`, [id, agency, actor.username, at]);
    }
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: 'seizure.shared', entityType: 'seizure', entityId: id,
      details: { agencies },
    }, tx);
    return (await this.load(tx, id)) as SeizureRecord;
  }

  /** How an agency may see a seizure, decided at the query. */
  async accessFor(id: string, agency: string): Promise<'OWNER' | 'SHARED' | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT s.owning_agency, EXISTS (SELECT 1 FROM seizure_shares x WHERE x.seizure_id = s.id AND x.agency_code = $2) AS shared
       FROM seizures s WHERE s.id = $1`, [id, agency]);
    if (rows.length === 0) return null;
    if (rows[0].owning_agency === agency) return 'OWNER';
    return rows[0].shared ? 'SHARED' : null;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.dataSource.query('SELECT 1 FROM seizures WHERE id = $1', [id])).length > 0;
  }

  async find(id: string): Promise<SeizureRecord | null> {
    return this.load(this.dataSource.manager, id);
  }

  /** Newest first; `after` is the last row of the previous page (keyset). */
  async listFor(agency: string, limit: number, after?: { createdAt: Date; id: string }): Promise<SeizureRecord[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM seizures s WHERE (s.owning_agency = $1
          OR EXISTS (SELECT 1 FROM seizure_shares x WHERE x.seizure_id = s.id AND x.agency_code = $1))
          AND ($3::timestamptz IS NULL OR (s.created_at, s.id) < ($3::timestamptz, $4::uuid))
       ORDER BY s.created_at DESC, s.id DESC LIMIT $2`, [agency, limit, after?.createdAt ?? null, after?.id ?? null]);
    const out: SeizureRecord[] = [];
    for (const r of rows) out.push((await this.load(this.dataSource.manager, r.id)) as SeizureRecord);
    return out;
  }

  private async insertFirearms(tx: EntityManager, seizureId: string, firearms: SeizureFirearmInput[], at: Date): Promise<void> {
    for (const [index, f] of firearms.entries()) {
      await tx.query(
        `INSERT INTO seizure_firearms (id, seizure_id, serial_number, serial_obliterated, obliteration_notes, make, model,
           importer, caliber, caliber_class, action, created_at, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
        [uuidFrom(`seizure-firearm\n${seizureId}\n${index}`), seizureId, f.serialNumber, f.serialObliterated ?? false,
          f.obliterationNotes ?? null, f.make ?? null, f.model ?? null, f.importer ?? null, f.caliber ?? null,
          normalizeCaliber(f.caliber)?.code ?? null, f.action ?? null, at, index],
      );
    }
  }

  private async load(tx: EntityManager, id: string, forUpdate = false): Promise<SeizureRecord | null> {
    const rows: Row[] = await tx.query(`SELECT * FROM seizures WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
    if (rows.length === 0) return null;
    const s = rows[0];
    const firearms: Row[] = await tx.query('SELECT * FROM seizure_firearms WHERE seizure_id = $1 ORDER BY position', [id]);
    const shares: Row[] = await tx.query('SELECT agency_code FROM seizure_shares WHERE seizure_id = $1 ORDER BY agency_code', [id]);
    return {
      id: s.id, owningAgency: s.owning_agency, createdBy: s.created_by, caseId: s.case_id, seizedAt: new Date(s.seized_at),
      latitude: s.latitude, longitude: s.longitude, locationDescription: s.location_description, circumstances: s.circumstances,
      finder: s.finder, seizingOfficial: s.seizing_official, forensicProcessor: s.forensic_processor,
      arrestees: s.arrestees.list ?? [], noArrests: Boolean(s.arrestees.noArrests), pointsOfContact: s.points_of_contact,
      readyToShare: s.ready_to_share, workflowId: s.workflow_id,
      firearms: firearms.map((f) => ({
        id: f.id, serialNumber: f.serial_number, serialObliterated: f.serial_obliterated, obliterationNotes: f.obliteration_notes,
        make: f.make, model: f.model, importer: f.importer, caliber: f.caliber, caliberClass: f.caliber_class, action: f.action,
      })),
      sharedWith: shares.map((x) => x.agency_code), createdAt: new Date(s.created_at), updatedAt: new Date(s.updated_at),
    };
  }
}

/** The record as its readers see it, with what is present and missing of the ten elements. */
export function seizureView(s: SeizureRecord, access: 'OWNER' | 'SHARED') {
  return {
    id: s.id, owningAgency: s.owningAgency, caseId: access === 'OWNER' ? s.caseId : undefined, seizedAt: s.seizedAt.toISOString(),
    location: s.latitude === null ? null : { latitude: s.latitude, longitude: s.longitude, description: s.locationDescription },
    circumstances: s.circumstances, finder: s.finder, seizingOfficial: s.seizingOfficial, forensicProcessor: s.forensicProcessor,
    firearms: s.firearms.map((f) => ({ ...f, caliberRecognized: f.caliber === null ? null : f.caliberClass !== null })),
    arrestees: s.arrestees, noArrests: s.noArrests, pointsOfContact: s.pointsOfContact,
    completeness: completeness(toFacts(s)), readyToShare: s.readyToShare,
    sharedWith: access === 'OWNER' ? s.sharedWith : undefined, access,
    createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(),
  };
}
