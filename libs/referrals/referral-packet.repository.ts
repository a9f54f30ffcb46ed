import {
  FirearmRecord, FirearmRow, IdentifierRecord, OperationRecord, OperationRow, SubjectRecord, SubjectRow, toFirearmRecord,
  toOperationRecord, toSubjectRecord,
} from '../cases/case-rows';
import type { IdentifierType, OrgType } from '../contracts/case-items';
import type { PacketIds } from '../contracts/referrals';
import { assertDefined, Db, query, queryOne } from '../db/sql';
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
  /**
   * Every item of the case by kind, in the case's order: one statement (it runs in the rules' transaction, whose one
   * connection takes one statement at a time).
   */
  async itemKinds(db: Db, caseId: string): Promise<CaseItemKinds> {
    const of = (columns: string, table: string) =>
      `(SELECT coalesce(json_agg(json_build_object(${columns}) ORDER BY created_at, id), '[]') FROM ${table} WHERE case_id = $1)`;
    const row = await queryOne<{
      subjects: { id: string; kind: 'PERSON' | 'ORGANIZATION'; orgType: OrgType | null }[];
      identifiers: { id: string; type: IdentifierType }[]; firearms: { id: string }[]; operations: { id: string; endsAt: string }[];
    }>(db,
      `SELECT ${of(`'id', id, 'kind', kind, 'orgType', org_type`, 'case_subjects')} AS subjects,
              ${of(`'id', id, 'type', type`, 'case_identifiers')} AS identifiers,
              ${of(`'id', id`, 'case_firearms')} AS firearms,
              ${of(`'id', id, 'endsAt', ends_at`, 'case_operations')} AS operations`,
      [caseId]);
    const kinds = assertDefined(row, 'case item kinds');
    return { ...kinds, operations: kinds.operations.map((o) => ({ id: o.id, endsAt: new Date(o.endsAt) })) };
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
