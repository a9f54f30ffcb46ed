import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import { uuidFrom } from '../common/deterministic-id';
import { seizureWorkflowId } from '../contracts/workflows';
import { assertDefined } from '../db/sql';
import { normalizeSerial } from '../deconfliction/normalize';
import { arresteeKeyId } from '../deconfliction/seizure-watch';
import { normalizeCaliber } from './caliber';
import { completeness, SeizureElement, SeizureFacts } from './completeness';
import { Arrestee, PointOfContact, SeizureRecord, SeizureRepository } from './seizure.repository';

export type { SeizureRecord } from './seizure.repository';

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
  arrestees?: Arrestee[];
  noArrests?: boolean;
  pointsOfContact?: PointOfContact[];
  caseId?: string;
}

export class SeizureIncomplete extends Error {
  constructor(readonly missing: SeizureElement[]) { super(`the record lacks ${missing.join(', ')}`); }
}

const toFacts = (s: SeizureRecord): SeizureFacts => ({
  seizedAt: s.seizedAt, location: { latitude: s.latitude, longitude: s.longitude }, circumstances: s.circumstances,
  finder: s.finder, seizingOfficial: s.seizingOfficial, forensicProcessor: s.forensicProcessor, firearms: s.firearms,
  arrestees: s.arrestees, noArrests: s.noArrests, pointsOfContact: s.pointsOfContact,
});

/**
 * Seizure records: the ten elements, completeness, and sharing only what is complete. Each use case runs in the
 * caller's transaction with its audit entry; the SQL is SeizureRepository's.
 */
export class SeizureService {
  private readonly seizures = new SeizureRepository();

  constructor(private readonly dataSource: DataSource, private readonly audit: AuditStore) {}

  async create(tx: EntityManager, id: string, actor: SeizureActor, input: SeizureInput): Promise<SeizureRecord> {
    const at = new Date();
    await this.seizures.insert(tx, {
      id, owningAgency: actor.agency, createdBy: actor.userId, caseId: input.caseId ?? null, seizedAt: input.seizedAt,
      latitude: input.location?.latitude ?? null, longitude: input.location?.longitude ?? null,
      locationDescription: input.location?.description ?? null, circumstances: input.circumstances ?? null,
      finder: input.finder ?? null, seizingOfficial: input.seizingOfficial ?? null, forensicProcessor: input.forensicProcessor ?? null,
      arrestees: { list: input.arrestees ?? [], noArrests: input.noArrests ?? false },
      pointsOfContact: input.pointsOfContact ?? [], workflowId: seizureWorkflowId(id), at,
    });
    for (const [index, f] of (input.firearms ?? []).entries()) {
      await this.seizures.insertFirearm(tx, id, {
        id: uuidFrom(`seizure-firearm\n${id}\n${index}`), serialNumber: f.serialNumber, serialObliterated: f.serialObliterated ?? false,
        obliterationNotes: f.obliterationNotes ?? null, make: f.make ?? null, model: f.model ?? null, importer: f.importer ?? null,
        caliber: f.caliber ?? null, caliberClass: normalizeCaliber(f.caliber)?.code ?? null, action: f.action ?? null, position: index,
      }, at);
    }
    const record = await this.load(tx, id);
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: 'seizure.created', entityType: 'seizure', entityId: id,
      details: { firearms: record.firearms.length, missing: completeness(toFacts(record)).missing, caseId: input.caseId ?? null },
    }, tx);
    return record;
  }

  /**
   * Completes a record: given fields replace stored ones; firearms are completed by id. A firearm without id was found
   * later: it is added (a serial already recorded on this seizure names that firearm, so a repeated request adds
   * nothing), and the seizure gets one more deconfliction pass (`watchPass`, which the caller starts). The serials of
   * recorded firearms stay as they were deconflicted.
   */
  async patch(tx: EntityManager, id: string, actor: SeizureActor, input: SeizureInput): Promise<SeizureRecord> {
    const current = await this.seizures.find(tx, id, true);
    if (!current) throw new Error(`seizure ${id} not found`);
    const at = new Date();
    const added = await this.addFirearms(tx, current, input.firearms ?? [], at);
    await this.seizures.update(tx, id, {
      seizedAt: input.seizedAt ?? null, latitude: input.location?.latitude ?? null, longitude: input.location?.longitude ?? null,
      locationDescription: input.location?.description ?? null, circumstances: input.circumstances ?? null,
      finder: input.finder ?? null, seizingOfficial: input.seizingOfficial ?? null, forensicProcessor: input.forensicProcessor ?? null,
      arrestees: { list: input.arrestees ?? current.arrestees, noArrests: input.noArrests ?? current.noArrests },
      pointsOfContact: input.pointsOfContact ?? null, at,
    });
    for (const f of added.completed) {
      const caliber = f.caliber === undefined ? undefined : normalizeCaliber(f.caliber)?.code ?? null;
      await this.seizures.updateFirearm(tx, id, {
        id: f.id, serialObliterated: f.serialObliterated ?? null, obliterationNotes: f.obliterationNotes ?? null, make: f.make ?? null,
        model: f.model ?? null, importer: f.importer ?? null, caliber: f.caliber ?? null, caliberClass: caliber ?? null, action: f.action ?? null,
      });
    }
    // New firearms, or arrestees sent and differing from the stored ones, are new watch targets (seizure-watch.ts).
    const arresteesChanged = input.arrestees !== undefined && JSON.stringify(input.arrestees) !== JSON.stringify(current.arrestees);
    if (added.count > 0 || arresteesChanged) await this.seizures.queueWatchPass(tx, id);
    if (arresteesChanged) await this.unwatchRemovedArrestees(tx, id, actor, input.arrestees ?? []);
    const updated = await this.load(tx, id);
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: 'seizure.updated', entityType: 'seizure', entityId: id,
      details: { fields: Object.keys(input), missing: completeness(toFacts(updated)).missing, firearmsAdded: added.count },
    }, tx);
    return updated;
  }

  /**
   * Arrestees a PATCH removed (recorded by mistake, released, another person) stop being watch targets in the same
   * commit: the watch pass the PATCH queues stores only the persons still listed, and would not take the others away.
   */
  private async unwatchRemovedArrestees(tx: EntityManager, id: string, actor: SeizureActor, kept: Arrestee[]): Promise<void> {
    const removed = await this.seizures.unwatchArrestees(tx, id, kept.map((a) => arresteeKeyId(id, a)));
    if (removed.length === 0) return;
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: 'seizure.arrestees_unwatched', entityType: 'seizure', entityId: id,
      details: { personKeys: removed },
    }, tx);
  }

  /** Inserts the firearms found later; returns how many and every firearm to complete, each with its id. */
  private async addFirearms(
    tx: EntityManager, current: SeizureRecord, firearms: SeizureFirearmInput[], at: Date,
  ): Promise<{ count: number; completed: (SeizureFirearmInput & { id: string })[] }> {
    const bySerial = new Map(current.firearms.map((f) => [normalizeSerial(f.serialNumber), f.id]));
    const completed: (SeizureFirearmInput & { id: string })[] = [];
    let count = 0;
    for (const f of firearms) {
      const known = f.id ?? bySerial.get(normalizeSerial(f.serialNumber ?? ''));
      if (known) { completed.push({ ...f, id: known }); continue; }
      const position = current.firearms.length + count;
      const firearmId = uuidFrom(`seizure-firearm\n${current.id}\n${position}`);
      await this.seizures.insertFirearm(tx, current.id, {
        id: firearmId, serialNumber: f.serialNumber, serialObliterated: f.serialObliterated ?? false,
        obliterationNotes: f.obliterationNotes ?? null, make: f.make ?? null, model: f.model ?? null, importer: f.importer ?? null,
        caliber: f.caliber ?? null, caliberClass: normalizeCaliber(f.caliber)?.code ?? null, action: f.action ?? null, position,
      }, at);
      bySerial.set(normalizeSerial(f.serialNumber ?? ''), firearmId);
      count += 1;
    }
    return { count, completed };
  }

  /** Only a record with all ten elements may be shared (409 listing what is missing otherwise). */
  async share(tx: EntityManager, id: string, actor: SeizureActor, agencies: string[]): Promise<SeizureRecord> {
    const current = await this.seizures.find(tx, id, true);
    if (!current) throw new Error(`seizure ${id} not found`);
    const { missing } = completeness(toFacts(current));
    if (missing.length > 0) throw new SeizureIncomplete(missing);
    const at = new Date();
    await this.seizures.markReadyToShare(tx, id, at);
    for (const agency of agencies.filter((a) => a !== current.owningAgency)) {
      await this.seizures.insertShare(tx, id, agency, actor.username, at);
    }
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: 'seizure.shared', entityType: 'seizure', entityId: id,
      details: { agencies },
    }, tx);
    return this.load(tx, id);
  }

  /** How an agency may see a seizure, decided at the query. */
  async accessFor(id: string, agency: string): Promise<'OWNER' | 'SHARED' | null> {
    const access = await this.seizures.access(this.dataSource, id, agency);
    if (!access) return null;
    if (access.owningAgency === agency) return 'OWNER';
    return access.shared ? 'SHARED' : null;
  }

  async exists(id: string): Promise<boolean> {
    return this.seizures.exists(this.dataSource, id);
  }

  async find(id: string): Promise<SeizureRecord | null> {
    return (await this.seizures.find(this.dataSource, id)) ?? null;
  }

  /** Newest first; `after` is the last row of the previous page (keyset). */
  async listFor(agency: string, limit: number, after?: { createdAt: Date; id: string }): Promise<SeizureRecord[]> {
    const out: SeizureRecord[] = [];
    for (const id of await this.seizures.idsFor(this.dataSource, agency, limit, after)) out.push(await this.load(this.dataSource.manager, id));
    return out;
  }

  /** A seizure this transaction wrote or locked, or one just listed (seizures are never deleted). */
  private async load(tx: EntityManager, id: string): Promise<SeizureRecord> {
    return assertDefined(await this.seizures.find(tx, id), `seizure ${id}`);
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
