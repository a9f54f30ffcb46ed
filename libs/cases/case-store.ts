import { DataSource, EntityManager, In } from 'typeorm';
import type {
  CaseCategory, CaseFlags, CaseItems, CaseStatus, Firearm, Identifier, Operation, Subject, WithId,
} from '../contracts/case-items';
import {
  CaseEntity, CaseFirearmEntity, CaseIdentifierEntity, CaseOperationEntity, CaseShareEntity, CaseSubjectEntity,
} from '../db/entities';
import type { AuditStore } from '../audit/audit-store';
import { updateReturning } from '../db/update-returning';
import { formatCaseNumber } from './case-number';

export const DEFAULT_OPERATION_RADIUS_METERS = 250;

export interface NewCase {
  id: string;
  owningAgency: string;
  leadAgentId: string;
  title: string;
  summary?: string;
  category: CaseCategory;
  flags: CaseFlags;
  workflowId: string;
  items: CaseItems[];
}

export interface CaseDetail {
  record: CaseEntity;
  subjects: CaseSubjectEntity[];
  identifiers: CaseIdentifierEntity[];
  firearms: CaseFirearmEntity[];
  operations: CaseOperationEntity[];
  shares: CaseShareEntity[];
  leadAgent: { username: string; fullName: string; phone: string | null };
}

export type CaseAccess = 'OWNER' | 'SHARED';
export interface CaseListFilter { scope: 'own' | 'shared' | 'all'; status?: CaseStatus; category?: CaseCategory }
export interface SharingActor { username: string; agency: string }

const subjectRow = (caseId: string, s: WithId<Subject>, at: Date): Partial<CaseSubjectEntity> => ({
  id: s.id, caseId, kind: s.kind, createdAt: at,
  fullName: s.kind === 'PERSON' ? s.fullName : null,
  dateOfBirth: s.kind === 'PERSON' ? s.dateOfBirth ?? null : null,
  nationality: s.kind === 'PERSON' ? s.nationality ?? null : null,
  name: s.kind === 'ORGANIZATION' ? s.name : null,
  orgType: s.kind === 'ORGANIZATION' ? s.orgType : null,
});
const identifierRow = (caseId: string, i: WithId<Identifier>, at: Date): Partial<CaseIdentifierEntity> => ({
  id: i.id, caseId, type: i.type, value: i.value, region: i.region ?? null, createdAt: at,
});
const firearmRow = (caseId: string, f: WithId<Firearm>, at: Date): Partial<CaseFirearmEntity> => ({
  id: f.id, caseId, serialNumber: f.serialNumber, serialObliterated: f.serialObliterated ?? false,
  make: f.make ?? null, model: f.model ?? null, caliber: f.caliber ?? null, action: f.action ?? null,
  importer: f.importer ?? null, createdAt: at,
});
const operationRow = (caseId: string, o: WithId<Operation>, at: Date): Partial<CaseOperationEntity> => ({
  id: o.id, caseId, type: o.type, latitude: o.latitude, longitude: o.longitude,
  radiusMeters: o.radiusMeters ?? DEFAULT_OPERATION_RADIUS_METERS,
  startsAt: new Date(o.startsAt), endsAt: new Date(o.endsAt), createdAt: at,
});

export class CaseStore {
  constructor(private readonly dataSource: DataSource) {}

  /** One sequence per agency and year (migration CaseNumberSequences): unique, lock-free, gaps tolerated. */
  async allocateCaseNumber(tx: EntityManager, agency: string, at: Date): Promise<string> {
    const year = at.getUTCFullYear();
    const rows: { n: string }[] = await tx.query('SELECT next_case_sequence($1, $2) AS n', [agency, year]);
    return formatCaseNumber(agency, year, Number(rows[0].n));
  }

  async insertCase(tx: EntityManager, draft: NewCase, caseNumber: string, at: Date): Promise<CaseEntity> {
    const record = tx.create(CaseEntity, {
      id: draft.id, caseNumber, owningAgency: draft.owningAgency, leadAgentId: draft.leadAgentId,
      title: draft.title, summary: draft.summary ?? null, category: draft.category, flags: draft.flags,
      status: 'INTAKE', outcome: null, workflowId: draft.workflowId, workflowStartedAt: null,
      createdAt: at, updatedAt: at, closedAt: null,
    });
    await tx.insert(CaseEntity, record);
    for (const items of draft.items) await this.insertItems(tx, draft.id, items, at);
    return record;
  }

  /** Rows carry ids chosen before the first attempt, so a retried append inserts nothing twice. */
  async insertItems(tx: EntityManager, caseId: string, items: CaseItems, at: Date): Promise<void> {
    if (items.items.length === 0) return;
    const insert = tx.createQueryBuilder().insert().orIgnore();
    switch (items.kind) {
      case 'subjects':
        await insert.into(CaseSubjectEntity).values(items.items.map((s) => subjectRow(caseId, s, at))).execute();
        break;
      case 'identifiers':
        await insert.into(CaseIdentifierEntity).values(items.items.map((i) => identifierRow(caseId, i, at))).execute();
        break;
      case 'firearms':
        await insert.into(CaseFirearmEntity).values(items.items.map((f) => firearmRow(caseId, f, at))).execute();
        break;
      case 'operations':
        await insert.into(CaseOperationEntity).values(items.items.map((o) => operationRow(caseId, o, at))).execute();
        break;
    }
  }

  async setStatus(tx: EntityManager, caseId: string, status: CaseStatus, at: Date): Promise<CaseStatus | null> {
    const rows = await updateReturning<{ status: CaseStatus }>(tx,
      // A status change comes from the case workflow, so it also proves the workflow started (the relay skips it).
      `UPDATE cases SET status = $2, updated_at = $3, workflow_started_at = coalesce(workflow_started_at, $3)
       WHERE id = $1 AND status <> 'CLOSED' AND status <> $2 RETURNING status`,
      [caseId, status, at],
    );
    return rows[0]?.status ?? null;
  }

  async close(tx: EntityManager, caseId: string, outcome: string, result: string | null, at: Date): Promise<void> {
    await tx.query(
      `UPDATE cases SET status = 'CLOSED', outcome = $2, result = $4, closed_at = $3, updated_at = $3
       WHERE id = $1 AND status <> 'CLOSED'`,
      [caseId, outcome, at, result],
    );
  }

  async findById(caseId: string, tx?: EntityManager): Promise<CaseEntity | null> {
    return (tx ?? this.dataSource.manager).findOne(CaseEntity, { where: { id: caseId } });
  }

  /** Answers how the agency may see a case, at the query: a case it may not see is never loaded. */
  async accessFor(caseId: string, agency: string): Promise<CaseAccess | null> {
    const rows: { owning_agency: string; shared: boolean }[] = await this.dataSource.query(
      `SELECT c.owning_agency,
              EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND s.agency_code = $2 AND s.revoked_at IS NULL) AS shared
       FROM cases c WHERE c.id = $1`,
      [caseId, agency],
    );
    if (rows.length === 0) return null;
    if (rows[0].owning_agency === agency) return 'OWNER';
    return rows[0].shared ? 'SHARED' : null;
  }

  async caseExists(caseId: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM cases WHERE id = $1', [caseId]);
    return rows.length > 0;
  }

  async loadDetail(caseId: string): Promise<CaseDetail | null> {
    const m = this.dataSource.manager;
    const record = await m.findOne(CaseEntity, { where: { id: caseId } });
    if (!record) return null;
    const order = { createdAt: 'ASC' as const, id: 'ASC' as const };
    const [subjects, identifiers, firearms, operations, shares, agents] = await Promise.all([
      m.find(CaseSubjectEntity, { where: { caseId }, order }),
      m.find(CaseIdentifierEntity, { where: { caseId }, order }),
      m.find(CaseFirearmEntity, { where: { caseId }, order }),
      m.find(CaseOperationEntity, { where: { caseId }, order }),
      m.find(CaseShareEntity, { where: { caseId }, order: { grantedAt: 'ASC' } }),
      m.query('SELECT username, full_name, phone FROM users WHERE id = $1', [record.leadAgentId]),
    ]);
    const agent = agents[0] ?? { username: 'unknown', full_name: 'unknown', phone: null };
    return {
      record, subjects, identifiers, firearms, operations, shares,
      leadAgent: { username: agent.username, fullName: agent.full_name, phone: agent.phone },
    };
  }

  /**
   * Keyset page over the cases the agency may read, newest first: its own, those shared with it (a live grant in
   * case_shares; accepting a referral grants one), or both. Authorisation is in the WHERE: nothing else is loaded.
   */
  async listForAgency(
    agency: string, filter: CaseListFilter, limit: number, after?: { createdAt: Date; id: string },
  ): Promise<CaseEntity[]> {
    const own = 'c.owning_agency = :agency';
    const shared = `(c.owning_agency <> :agency AND EXISTS (SELECT 1 FROM case_shares s
      WHERE s.case_id = c.id AND s.agency_code = :agency AND s.revoked_at IS NULL))`;
    const readable = { own, shared, all: `(${own} OR ${shared})` }[filter.scope];
    const qb = this.dataSource.manager.createQueryBuilder(CaseEntity, 'c')
      .where(readable, { agency })
      .orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC')
      .limit(limit);
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.category) qb.andWhere('c.category = :category', { category: filter.category });
    if (after) qb.andWhere('(c.created_at, c.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }

  async agencyExists(code: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM agencies WHERE code = $1', [code]);
    return rows.length > 0;
  }

  /** Grants (or renews) another agency's read access inside the caller's transaction, with its audit entry. */
  async grantShare(tx: EntityManager, caseId: string, agency: string, reason: string, by: SharingActor, audit: AuditStore) {
    const grantedAt = new Date();
    await tx.query(
      `INSERT INTO case_shares (case_id, agency_code, reason, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id, agency_code) DO UPDATE SET reason = EXCLUDED.reason, granted_by = EXCLUDED.granted_by,
         granted_at = EXCLUDED.granted_at, revoked_at = NULL, revoked_by = NULL`,
      [caseId, agency, reason, by.username, grantedAt],
    );
    await audit.append({
      actor: by.username, agency: by.agency, action: 'case.share_granted', entityType: 'case', entityId: caseId,
      details: { sharedWith: agency, reason },
    }, tx);
    return { caseId, agency, reason, grantedBy: by.username, grantedAt: grantedAt.toISOString() };
  }

  async revokeShare(caseId: string, agency: string, by: SharingActor, audit: AuditStore): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const rows = await updateReturning(tx,
        `UPDATE case_shares SET revoked_at = now(), revoked_by = $3
         WHERE case_id = $1 AND agency_code = $2 AND revoked_at IS NULL RETURNING agency_code`,
        [caseId, agency, by.username],
      );
      if (rows.length === 0) return false;
      await audit.append({
        actor: by.username, agency: by.agency, action: 'case.share_revoked', entityType: 'case', entityId: caseId,
        details: { revokedFrom: agency },
      }, tx);
      return true;
    });
  }

  /**
   * What keeps a case open, in words the agent reads in the 409: unresolved deconfliction hits on either side and
   * referrals not yet accepted or declined.
   */
  async closeBlockers(caseId: string, tx?: EntityManager): Promise<string[]> {
    const rows: { n: string; types: string[] }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT count(*) AS n, array_agg(DISTINCT match_type ORDER BY match_type) AS types FROM deconfliction_hits
       WHERE (a_case_id = $1 OR b_case_id = $1) AND status <> 'RESOLVED'`, [caseId],
    );
    const open = Number(rows[0]?.n ?? 0);
    const referrals: { to_agency: string; rule: string; status: string }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT to_agency, rule, status FROM referrals WHERE case_id = $1 AND status NOT IN ('ACCEPTED', 'DECLINED') ORDER BY created_at`, [caseId]);
    return [
      ...(open > 0 ? [`${open} deconfliction hit(s) are not resolved (${rows[0].types.join(', ')})`] : []),
      ...referrals.map((r) => `referral ${r.rule} to ${r.to_agency} is ${r.status}`),
    ];
  }

  /** The case's items as the workflow's activities see them: all of them (intake), or those of one append. */
  async loadItems(tx: EntityManager, caseId: string, itemIds: string[] | null): Promise<CaseItems[]> {
    const where = itemIds === null ? { caseId } : { caseId, id: In(itemIds) };
    // One after the other: a transaction is one connection, which runs one query at a time.
    const subjects = await tx.find(CaseSubjectEntity, { where });
    const identifiers = await tx.find(CaseIdentifierEntity, { where });
    const firearms = await tx.find(CaseFirearmEntity, { where });
    const operations = await tx.find(CaseOperationEntity, { where });
    return [
      {
        kind: 'subjects',
        items: subjects.map((s) => (s.kind === 'PERSON'
          ? { id: s.id, kind: 'PERSON' as const, fullName: s.fullName ?? '', dateOfBirth: s.dateOfBirth ?? undefined }
          : { id: s.id, kind: 'ORGANIZATION' as const, name: s.name ?? '', orgType: s.orgType ?? 'OTHER' })),
      },
      { kind: 'identifiers', items: identifiers.map((i) => ({ id: i.id, type: i.type, value: i.value, region: i.region ?? undefined })) },
      {
        kind: 'firearms',
        items: firearms.map((f) => ({ id: f.id, serialNumber: f.serialNumber, serialObliterated: f.serialObliterated })),
      },
      {
        kind: 'operations',
        items: operations.map((o) => ({
          id: o.id, type: o.type, latitude: o.latitude, longitude: o.longitude, radiusMeters: o.radiusMeters,
          startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString(),
        })),
      },
    ];
  }
}
