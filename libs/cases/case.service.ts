import type { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type {
  Actor, AppendRequest, AppendResult, CaseCategory, CaseFlags, CaseItems, CaseStatus, CloseRequest, CloseResult,
  EditRequest, EditResult, SubjectDobRequest, SubjectDobResult,
} from '../contracts/case-items';
import { caseWorkflowId } from '../contracts/workflows';
import { applyEdit } from './case-edit-rules';
import { CaseEditRepository } from './case-edit.repository';
import type { CaseDetail, CaseRecord, SubjectRecord } from './case-rows';
import { loadCaseSubject } from './subject-forms.repository';
import { CaseAccess, closeBlockers, itemCounts, shareRefusal, ShareRefusal } from './case-rules';
import type { CaseSearchTerms } from './case-search';
import type { CaseListFilter, CaseRepository, Keyset } from './case.repository';
import { findPersonSubject, PersonSubjectRow, setSubjectDateOfBirth } from './subject-dob';

export interface CaseIntake {
  id: string; title: string; summary?: string; category: CaseCategory; flags: CaseFlags; items: CaseItems[];
}
export interface CaseOpened { id: string; caseNumber: string; status: 'INTAKE'; owningAgency: string; workflowId: string }
export interface SharingActor { username: string; agency: string }
export interface CaseShareGranted { caseId: string; agency: string; reason: string; grantedBy: string; grantedAt: string }

/** The case the workflow's step names is not in the read model (not committed yet, or never). */
export class CaseNotFound extends Error {
  constructor(readonly caseId: string) { super(`case ${caseId} not found`); }
}

/** The case cannot close while something still depends on it (409 with the blockers). */
export class CaseCloseBlocked extends Error {
  constructor(readonly blockers: string[]) { super(`the case cannot close while ${blockers.join('; ')}`); }
}

/** The case was closed before the step reached it. */
export class CaseIsClosed extends Error {
  constructor(readonly caseId: string) { super(`case ${caseId} is closed`); }
}

/**
 * Case use cases for the API and the case workflow's activities. Each writes its change and its audit entry in one
 * transaction (the caller's, when it has one: intake commits with the Idempotency-Key answer). Steps a workflow
 * retries carry fixed ids and audit dedup keys, so a retry writes nothing twice.
 */
export class CaseService {
  private readonly edits: CaseEditRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly audit: AuditStore,
  ) {
    this.edits = new CaseEditRepository(dataSource);
  }

  /** Intake: the case number, the case, its items and its audit entry, inside the caller's transaction. */
  async open(tx: EntityManager, intake: CaseIntake, actor: Actor, at: Date): Promise<CaseOpened> {
    const caseNumber = await this.cases.allocateCaseNumber(tx, actor.agency, at);
    const workflowId = caseWorkflowId(intake.id);
    await this.cases.insertCase(tx, {
      id: intake.id, owningAgency: actor.agency, leadAgentId: actor.userId, title: intake.title, summary: intake.summary,
      category: intake.category, flags: intake.flags, workflowId, items: intake.items,
    }, caseNumber, at);
    await this.audit.append({
      actor: actor.username, agency: actor.agency, action: 'case.created', entityType: 'case', entityId: intake.id,
      details: { caseNumber, category: intake.category, counts: itemCounts(intake.items) },
    }, tx);
    return { id: intake.id, caseNumber, status: 'INTAKE', owningAgency: actor.agency, workflowId };
  }

  findById(caseId: string, tx?: EntityManager): Promise<CaseRecord | null> {
    return this.cases.findById(caseId, tx);
  }

  /** How the agency may see the case (null: not at all, or no such case). */
  accessFor(caseId: string, agency: string): Promise<CaseAccess | null> {
    return this.cases.accessFor(caseId, agency);
  }

  exists(caseId: string): Promise<boolean> {
    return this.cases.caseExists(caseId);
  }

  detail(caseId: string): Promise<CaseDetail | null> {
    return this.cases.loadDetail(caseId);
  }

  /** One subject of the case with its aliases and monikers, or null. */
  subject(caseId: string, subjectId: string): Promise<SubjectRecord | null> {
    return loadCaseSubject(this.dataSource, caseId, subjectId);
  }

  /** A keyset page, newest first, of the cases the agency may read (authorisation in the query). */
  list(agency: string, filter: CaseListFilter, limit: number, after?: Keyset): Promise<CaseRecord[]> {
    return this.cases.listForAgency(agency, filter, limit, after);
  }

  /** The readable cases matching the prepared search terms (see caseSearchTerms), newest first. */
  search(agency: string, terms: CaseSearchTerms, limit: number, after?: Keyset): Promise<CaseRecord[]> {
    return this.cases.search(agency, terms, limit, after);
  }

  /** Why the owning agency may not share with `target`, or null when it may. */
  async shareRefusal(owningAgency: string, target: string): Promise<ShareRefusal | null> {
    const known = target === owningAgency || (await this.cases.agencyExists(target));
    return shareRefusal(owningAgency, target, known);
  }

  /** Grants (or renews) another agency's read access inside the caller's transaction, with its audit entry. */
  async grantShare(tx: EntityManager, caseId: string, agency: string, reason: string, by: SharingActor): Promise<CaseShareGranted> {
    const grantedAt = new Date();
    await this.cases.upsertShare(tx, caseId, agency, reason, by.username, grantedAt);
    await this.audit.append({
      actor: by.username, agency: by.agency, action: 'case.share_granted', entityType: 'case', entityId: caseId,
      details: { sharedWith: agency, reason },
    }, tx);
    return { caseId, agency, reason, grantedBy: by.username, grantedAt: grantedAt.toISOString() };
  }

  /** Whether a live share was there to revoke. */
  async revokeShare(caseId: string, agency: string, by: SharingActor): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.cases.revokeShare(tx, caseId, agency, by.username))) return false;
      await this.audit.append({
        actor: by.username, agency: by.agency, action: 'case.share_revoked', entityType: 'case', entityId: caseId,
        details: { revokedFrom: agency },
      }, tx);
      return true;
    });
  }

  /** The case workflow's status step; a status the case already has (or a closed case) changes nothing. */
  async markStatus(caseId: string, status: CaseStatus): Promise<void> {
    const entry = this.audit.rowEntry({
      actor: 'system', action: 'case.status_changed', entityType: 'case', entityId: caseId, details: { status },
      dedupKey: `case:${caseId}:status:${status}`,
    }, new Date());
    // The change first: the case is read only when nothing changed, to tell a missing case from a done step.
    if (await this.cases.setStatus(caseId, status, entry)) return;
    if (!(await this.cases.findById(caseId))) throw new CaseNotFound(caseId);
  }

  async appendItems(caseId: string, { append, actor }: AppendRequest): Promise<AppendResult> {
    const itemIds = append.items.map((item) => item.id);
    await this.dataSource.transaction(async (tx) => {
      await this.cases.insertItems(tx, caseId, append, new Date());
      await this.audit.append({
        actor: actor.username, agency: actor.agency, action: `case.${append.kind}_added`, entityType: 'case',
        entityId: caseId, details: { count: itemIds.length, itemIds }, dedupKey: `case:${caseId}:append:${itemIds[0]}`,
      }, tx);
    });
    return { caseId, kind: append.kind, added: itemIds.length, itemIds };
  }

  /** A case agent of the agency, by username (who may lead its cases), or null. */
  findAgent(agency: string, username: string): Promise<{ userId: string; username: string } | null> {
    return this.edits.findAgent(agency, username);
  }

  /**
   * The case workflow's edit step: writes the fields that really change, with one audit entry naming each (old and
   * new). A repeated edit, or a retried step whose first attempt committed, finds nothing to change and writes nothing.
   */
  async edit(caseId: string, { actor, edit }: EditRequest): Promise<EditResult> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.edits.lockEditable(tx, caseId);
      if (!current) throw new CaseNotFound(caseId);
      if (current.status === 'CLOSED') throw new CaseIsClosed(caseId);
      const { next, changes } = applyEdit(current, edit);
      if (changes.length === 0) return { caseId, changed: [] };
      await this.edits.update(tx, caseId, next, new Date());
      await this.audit.append({
        actor: actor.username, agency: actor.agency, action: 'case.updated', entityType: 'case', entityId: caseId,
        details: { changes: Object.fromEntries(changes.map((c) => [c.field, { from: c.from, to: c.to }])) },
      }, tx);
      return { caseId, changed: changes.map((c) => c.field) };
    });
  }

  /** The case's person subject with this id, or null. */
  personSubject(caseId: string, subjectId: string): Promise<PersonSubjectRow | null> {
    return findPersonSubject(this.dataSource, caseId, subjectId);
  }

  /** The case workflow's DOB step (subject-dob.ts). */
  setSubjectDateOfBirth(caseId: string, request: SubjectDobRequest): Promise<SubjectDobResult> {
    return setSubjectDateOfBirth(this.dataSource, this.audit, caseId, request);
  }

  /** Closes the case unless something still depends on it; closing a closed case answers how it closed. */
  async close(caseId: string, request: CloseRequest): Promise<CloseResult> {
    const closedAt = new Date();
    return this.dataSource.transaction(async (tx) => {
      const record = await this.cases.lockById(tx, caseId);
      if (!record) throw new CaseNotFound(caseId);
      if (record.status === 'CLOSED') {
        return { caseId, status: 'CLOSED', outcome: record.outcome ?? request.outcome, closedAt: (record.closedAt ?? closedAt).toISOString() };
      }
      const open = await this.cases.openObligations(tx, caseId);
      const blockers = closeBlockers(open.hits, open.referrals);
      if (blockers.length > 0) throw new CaseCloseBlocked(blockers);
      await this.cases.close(tx, caseId, request.outcome, request.result ?? null, closedAt);
      await this.audit.append({
        actor: request.actor.username, agency: request.actor.agency, action: 'case.closed', entityType: 'case',
        entityId: caseId, details: { outcome: request.outcome, result: request.result ?? null }, dedupKey: `case:${caseId}:closed`,
      }, tx);
      return { caseId, status: 'CLOSED', outcome: request.outcome, result: request.result ?? null, closedAt: closedAt.toISOString() };
    });
  }
}
