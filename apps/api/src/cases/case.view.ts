import type { CaseDetail, CaseRecord } from '../../../../libs/cases/case-rows';
import type { CaseAccess } from '../../../../libs/cases/case-rules';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function caseSummaryView(c: CaseRecord) {
  return {
    id: c.id, caseNumber: c.caseNumber, title: c.title, category: c.category, status: c.status,
    owningAgency: c.owningAgency, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt),
  };
}

/** The whole case, for the owning agency or one it shares with; only the owner sees whom it is shared with. */
export function caseDetailView(detail: CaseDetail, access: CaseAccess) {
  const { record: c } = detail;
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    title: c.title,
    summary: c.summary,
    category: c.category,
    flags: c.flags,
    status: c.status,
    outcome: c.outcome,
    result: c.result,
    owningAgency: c.owningAgency,
    leadAgent: detail.leadAgent,
    workflowId: c.workflowId,
    access,
    subjects: detail.subjects.map((s) => (s.kind === 'PERSON'
      ? {
          id: s.id, kind: s.kind, fullName: s.fullName, dateOfBirth: s.dateOfBirth, nationality: s.nationality, aliases: s.aliases,
          monikers: s.monikers,
        }
      : { id: s.id, kind: s.kind, name: s.name, orgType: s.orgType, aliases: s.aliases })),
    identifiers: detail.identifiers.map((i) => ({ id: i.id, type: i.type, value: i.value, region: i.region })),
    firearms: detail.firearms.map((f) => ({
      id: f.id, serialNumber: f.serialNumber, serialObliterated: f.serialObliterated, make: f.make, model: f.model,
      caliber: f.caliber, action: f.action, importer: f.importer,
    })),
    operations: detail.operations.map((o) => ({
      id: o.id, type: o.type, latitude: o.latitude, longitude: o.longitude, radiusMeters: o.radiusMeters,
      startsAt: iso(o.startsAt), endsAt: iso(o.endsAt),
    })),
    shares: access === 'OWNER'
      ? detail.shares.map((s) => ({ agency: s.agencyCode, reason: s.reason, grantedBy: s.grantedBy, grantedAt: iso(s.grantedAt) }))
      : undefined,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    closedAt: iso(c.closedAt),
  };
}
