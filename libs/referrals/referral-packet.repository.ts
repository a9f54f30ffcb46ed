import {
  FirearmRecord, FirearmRow, IdentifierRecord, OperationRecord, OperationRow, SubjectRecord, SubjectRow, toFirearmRecord,
  toOperationRecord, toSubjectRecord,
} from '../cases/case-rows';
import type { IdentifierType, OrgType } from '../contracts/case-items';
import type { PacketIds } from '../contracts/referrals';
import { Db, query, queryOne } from '../db/sql';
import type { CaseItemKinds } from './referral-packet';

/** The disclosed items' contents, by kind: what the receiving agency reads of the case before it accepts. */
export interface PacketContents {
  subjects: SubjectRecord[]; identifiers: IdentifierRecord[]; firearms: FirearmRecord[]; operations: OperationRecord[];
}
/** Who to call about a referral: the agent who opened it, or for a rule's the case's lead agent. */
export interface SenderContact { name: string; agency: string; phone: string | null }

/**
 * The case items a referral discloses and the sender's contact: SQL only. Every read names the case, so an id of
 * another case never loads anything (a packet is a subset of its own case, and nothing else).
 */
export class ReferralPacketRepository {
  async itemKinds(db: Db, caseId: string): Promise<CaseItemKinds> {
    const [subjects, identifiers, firearms, operations] = await Promise.all([
      query<{ id: string; kind: 'PERSON' | 'ORGANIZATION'; org_type: OrgType | null }>(db,
        'SELECT id, kind, org_type FROM case_subjects WHERE case_id = $1 ORDER BY created_at, id', [caseId]),
      query<{ id: string; type: IdentifierType }>(db, 'SELECT id, type FROM case_identifiers WHERE case_id = $1 ORDER BY created_at, id', [caseId]),
      query<{ id: string }>(db, 'SELECT id FROM case_firearms WHERE case_id = $1 ORDER BY created_at, id', [caseId]),
      query<{ id: string; ends_at: Date }>(db, 'SELECT id, ends_at FROM case_operations WHERE case_id = $1 ORDER BY created_at, id', [caseId]),
    ]);
    return {
      subjects: subjects.map((s) => ({ id: s.id, kind: s.kind, orgType: s.org_type })), identifiers, firearms,
      operations: operations.map((o) => ({ id: o.id, endsAt: new Date(o.ends_at) })),
    };
  }

  /** The contents of the packet's items of this case, in the case's order. */
  async contents(db: Db, caseId: string, packet: PacketIds): Promise<PacketContents> {
    const of = <R>(sql: string, ids: string[]) => (ids.length === 0 ? Promise.resolve([] as R[])
      : query<R>(db, `${sql} WHERE case_id = $1 AND id = ANY($2::uuid[]) ORDER BY created_at, id`, [caseId, ids]));
    const [subjects, identifiers, firearms, operations] = await Promise.all([
      of<SubjectRow>('SELECT id, kind, full_name, date_of_birth::text AS date_of_birth, nationality, name, org_type FROM case_subjects', packet.subjects),
      of<IdentifierRecord>('SELECT id, type, value, region FROM case_identifiers', packet.identifiers),
      of<FirearmRow>('SELECT id, serial_number, serial_obliterated, make, model, caliber, action, importer FROM case_firearms', packet.firearms),
      of<OperationRow>('SELECT id, type, latitude, longitude, radius_meters, starts_at, ends_at FROM case_operations', packet.operations),
    ]);
    return {
      subjects: subjects.map(toSubjectRecord), identifiers, firearms: firearms.map(toFirearmRecord),
      operations: operations.map((o) => toOperationRecord({ ...o, starts_at: new Date(o.starts_at), ends_at: new Date(o.ends_at) })),
    };
  }

  async sender(db: Db, userId: string): Promise<SenderContact | null> {
    const row = await queryOne<{ full_name: string; agency_code: string; phone: string | null }>(db,
      'SELECT full_name, agency_code, phone FROM users WHERE id = $1', [userId]);
    return row ? { name: row.full_name, agency: row.agency_code, phone: row.phone } : null;
  }

  async agencyExists(db: Db, code: string): Promise<boolean> {
    return (await query<{ code: string }>(db, 'SELECT code FROM agencies WHERE code = $1', [code])).length > 0;
  }
}
