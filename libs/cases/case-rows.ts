import type {
  CaseCategory, CaseFlags, CaseItems, CaseStatus, IdentifierType, OperationType, OrgType,
} from '../contracts/case-items';

/** The cases tables as the repository selects them (snake_case rows) and as the rest of the code reads them. */

export interface CaseRecord {
  id: string; caseNumber: string; owningAgency: string; leadAgentId: string; title: string; summary: string | null;
  category: CaseCategory; flags: CaseFlags; status: CaseStatus; outcome: string | null; result: string | null;
  workflowId: string; workflowStartedAt: Date | null; createdAt: Date; updatedAt: Date; closedAt: Date | null;
}
export interface CaseRow {
  id: string; case_number: string; owning_agency: string; lead_agent_id: string; title: string; summary: string | null;
  category: CaseCategory; flags: CaseFlags; status: CaseStatus; outcome: string | null; result: string | null;
  workflow_id: string; workflow_started_at: Date | null; created_at: Date; updated_at: Date; closed_at: Date | null;
}
export const toCaseRecord = (r: CaseRow): CaseRecord => ({
  id: r.id, caseNumber: r.case_number, owningAgency: r.owning_agency, leadAgentId: r.lead_agent_id, title: r.title,
  summary: r.summary, category: r.category, flags: r.flags, status: r.status, outcome: r.outcome, result: r.result,
  workflowId: r.workflow_id, workflowStartedAt: r.workflow_started_at, createdAt: r.created_at, updatedAt: r.updated_at,
  closedAt: r.closed_at,
});

export interface SubjectRecord {
  id: string; kind: 'PERSON' | 'ORGANIZATION'; fullName: string | null; dateOfBirth: string | null;
  nationality: string | null; name: string | null; orgType: OrgType | null;
  /** Other names (subject-forms.repository.ts); monikers are persons' only. */
  aliases: string[]; monikers: string[];
}
/** date_of_birth is selected as text (YYYY-MM-DD): a calendar day, not an instant. */
export interface SubjectRow {
  id: string; kind: 'PERSON' | 'ORGANIZATION'; full_name: string | null; date_of_birth: string | null;
  nationality: string | null; name: string | null; org_type: OrgType | null;
}
export const toSubjectRecord = (r: SubjectRow): SubjectRecord => ({
  id: r.id, kind: r.kind, fullName: r.full_name, dateOfBirth: r.date_of_birth, nationality: r.nationality, name: r.name,
  orgType: r.org_type, aliases: [], monikers: [],
});

export interface IdentifierRecord { id: string; type: IdentifierType; value: string; region: string | null }
export type IdentifierRow = IdentifierRecord;

export interface FirearmRecord {
  id: string; serialNumber: string; serialObliterated: boolean; make: string | null; model: string | null;
  caliber: string | null; action: string | null; importer: string | null;
}
export interface FirearmRow {
  id: string; serial_number: string; serial_obliterated: boolean; make: string | null; model: string | null;
  caliber: string | null; action: string | null; importer: string | null;
}
export const toFirearmRecord = (r: FirearmRow): FirearmRecord => ({
  id: r.id, serialNumber: r.serial_number, serialObliterated: r.serial_obliterated, make: r.make, model: r.model,
  caliber: r.caliber, action: r.action, importer: r.importer,
});

export interface OperationRecord {
  id: string; type: OperationType; latitude: number; longitude: number; radiusMeters: number; startsAt: Date; endsAt: Date;
}
export interface OperationRow {
  id: string; type: OperationType; latitude: number; longitude: number; radius_meters: number; starts_at: Date; ends_at: Date;
}
export const toOperationRecord = (r: OperationRow): OperationRecord => ({
  id: r.id, type: r.type, latitude: r.latitude, longitude: r.longitude, radiusMeters: r.radius_meters,
  startsAt: r.starts_at, endsAt: r.ends_at,
});

export interface ShareRecord { agencyCode: string; reason: string; grantedBy: string; grantedAt: Date }
export interface ShareRow { agency_code: string; reason: string; granted_by: string; granted_at: Date }
export const toShareRecord = (r: ShareRow): ShareRecord => ({
  agencyCode: r.agency_code, reason: r.reason, grantedBy: r.granted_by, grantedAt: r.granted_at,
});

export interface LeadAgent { username: string; fullName: string; phone: string | null }
export interface LeadAgentRow { username: string; full_name: string; phone: string | null }

/** The whole case, for GET /cases/:id; `shares` holds live grants only. */
export interface CaseDetail {
  record: CaseRecord;
  subjects: SubjectRecord[];
  identifiers: IdentifierRecord[];
  firearms: FirearmRecord[];
  operations: OperationRecord[];
  shares: ShareRecord[];
  leadAgent: LeadAgent;
}

/** The case's items as the workflow's activities see them (deconfliction keys, referral facts). */
export function itemsOf(
  subjects: SubjectRecord[], identifiers: IdentifierRecord[], firearms: FirearmRecord[], operations: OperationRecord[],
): CaseItems[] {
  return [
    {
      kind: 'subjects',
      items: subjects.map((s) => (s.kind === 'PERSON'
        ? {
            id: s.id, kind: 'PERSON' as const, fullName: s.fullName ?? '', dateOfBirth: s.dateOfBirth ?? undefined,
            aliases: s.aliases, monikers: s.monikers,
          }
        : { id: s.id, kind: 'ORGANIZATION' as const, name: s.name ?? '', orgType: s.orgType ?? 'OTHER', aliases: s.aliases })),
    },
    { kind: 'identifiers', items: identifiers.map((i) => ({ id: i.id, type: i.type, value: i.value, region: i.region ?? undefined })) },
    { kind: 'firearms', items: firearms.map((f) => ({ id: f.id, serialNumber: f.serialNumber, serialObliterated: f.serialObliterated })) },
    {
      kind: 'operations',
      items: operations.map((o) => ({
        id: o.id, type: o.type, latitude: o.latitude, longitude: o.longitude, radiusMeters: o.radiusMeters,
        startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString(),
      })),
    },
  ];
}
