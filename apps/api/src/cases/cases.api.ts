import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead } from '../../../../libs/audit/read-audit';
import { uuidFrom } from '../../../../libs/common/deterministic-id';
import type { AuthUser } from '../../../../libs/auth/roles';
import type { CaseAccess } from '../../../../libs/cases/case-rules';
import { caseSearchTerms } from '../../../../libs/cases/case-search';
import type { CaseListFilter } from '../../../../libs/cases/case.repository';
import { CaseService } from '../../../../libs/cases/case.service';
import type { CaseEdit, CaseItems, CloseResult } from '../../../../libs/contracts/case-items';
import { caseWorkflowId } from '../../../../libs/contracts/workflows';
import { DeconflictionService } from '../../../../libs/deconfliction/deconfliction.service';
import { HitRepository } from '../../../../libs/deconfliction/hit.repository';
import { unreadableFields } from '../../../../libs/deconfliction/readability';
import { referralView, ReferralService } from '../../../../libs/referrals/referral.service';
import { appendToCaseUpdate, closeCaseUpdate, editCaseUpdate } from '../../../../libs/contracts/messages/case';
import { AccessPolicy } from '../common/access-policy';
import { actorOf } from '../common/actor';
import { ApiError, fieldError, fieldErrors } from '../common/api-error';
import { cursorCodec, cursorField, keysetCursor, nextKeyset } from '../common/cursor';
import { failureProblem } from '../common/failure-problems';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { M } from '../common/messages';
import { RecordWorkflows } from '../infra/record-workflows';
import { TemporalService, WorkflowRejection } from '../infra/temporal.service';
import { caseDetailView, caseSummaryView } from './case.view';
import type { CreateCaseDto } from './dto/case.dto';
import type { UpdateCaseDto } from './dto/update-case.dto';

type AppendKind = CaseItems['kind'];

/** Search pages keep the list's order; the tag keeps a list cursor from being taken for a search one and back. */
const caseSearchCursor = cursorCodec<{ createdAt: Date; id: string }>(
  { createdAt: cursorField.instant(1900, 9999), id: cursorField.uuid }, 'case-search',
);

/** The fields of a PATCH that were sent (a flags object sent empty counts as nothing). */
function sentFields({ title, summary, flags, leadAgent }: UpdateCaseDto) {
  const sentFlags = flags && Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  return {
    ...(title !== undefined ? { title } : {}),
    ...(summary !== undefined ? { summary } : {}),
    ...(sentFlags && Object.keys(sentFlags).length > 0 ? { flags: sentFlags } : {}),
    ...(leadAgent !== undefined ? { leadAgent } : {}),
  };
}

/**
 * Item ids are fixed by the request: derived from the caller's Idempotency-Key when there is one, so a retry that
 * reaches a new workflow run (after continue-as-new) still inserts nothing twice.
 */
const withIds = <T extends object>(items: T[] | undefined, seed?: string) => (items ?? []).map((item, index) => ({
  ...item,
  id: seed ? uuidFrom(`${seed}\n${index}`) : randomUUID(),
}));

@Injectable()
export class CasesApi {
  constructor(
    private readonly cases: CaseService,
    private readonly audit: AuditStore,
    private readonly temporal: TemporalService,
    private readonly workflows: RecordWorkflows,
    private readonly idempotency: IdempotencyService,
    private readonly deconfliction: DeconflictionService,
    private readonly hits: HitRepository,
    private readonly referrals: ReferralService,
    private readonly access: AccessPolicy,
  ) {}

  /** Values deconfliction could never match (an unreadable phone, a serial with nothing legible) are refused, 400. */
  private async refuseUnmatchable(user: AuthUser, items: Parameters<typeof unreadableFields>[0]): Promise<void> {
    const problems = unreadableFields(items, await this.deconfliction.keyOptions(user.agency));
    if (problems.length > 0) throw fieldErrors(problems);
  }

  /**
   * Intake commits the case, its items, its audit entry and the idempotency answer in one transaction, then starts
   * the case workflow. If Temporal cannot be reached at that moment the case is still accepted: the worker's relay
   * starts every committed case whose workflow has not started, so no case is left without its workflow.
   */
  async create(user: AuthUser, dto: CreateCaseDto, key: string | undefined): Promise<IdempotentOutcome> {
    await this.refuseUnmatchable(user, dto);
    const hash = IdempotencyService.requestHash('POST /cases', dto);
    const id = randomUUID();
    const outcome = await this.idempotency.inTransaction(user.userId, key, hash, async (tx) => {
      const items: CaseItems[] = [
        { kind: 'subjects', items: withIds(dto.subjects) },
        { kind: 'identifiers', items: withIds(dto.identifiers) },
        { kind: 'firearms', items: withIds(dto.firearms) },
        { kind: 'operations', items: withIds(dto.operations) },
      ] as CaseItems[];
      const opened = await this.cases.open(tx, {
        id, title: dto.title, summary: dto.summary, category: dto.category, flags: { ...(dto.flags ?? {}) }, items,
      }, actorOf(user), new Date());
      return { status: 201, body: { ...opened } };
    });
    if (!outcome.replayed) {
      await this.workflows.start('caseWorkflow', id, { caseId: id });
    }
    return outcome;
  }

  async get(user: AuthUser, caseId: string) {
    const access = await this.readAccess(user, caseId, 'case.read_shared');
    const [detail, openHits, referrals] = await Promise.all([
      this.cases.detail(caseId), this.hits.openForCase(caseId), this.referrals.forCase(caseId),
    ]);
    if (!detail) throw new ApiError('NotFound', M.caseNotFound, { id: caseId });
    return { ...caseDetailView(detail, access), openHits: openHits.length, referrals: referrals.map(referralView) };
  }

  /** Access for reading the case or what hangs off it; a read by an agency it is shared with is audited. */
  async readAccess(user: AuthUser, caseId: string, sharedReadAction: string): Promise<CaseAccess> {
    const access = await this.requireAccess(user, caseId);
    if (access === 'SHARED') {
      await this.audit.append({
        actor: user.username, agency: user.agency, action: sharedReadAction, entityType: 'case', entityId: caseId,
        details: {},
      });
    }
    return access;
  }

  async list(user: AuthUser, filter: CaseListFilter, limit: number, cursor: string | undefined) {
    const rows = await this.cases.list(user.agency, filter, limit + 1, keysetCursor.parse(cursor));
    const page = rows.slice(0, limit);
    // Cases shared with the caller's agency are another agency's data: the list's read of them is audited.
    await auditCrossAgencyRead(this.audit, user, { entityType: 'case', ground: 'shared', list: true },
      page.map((c) => ({ id: c.id, agencies: [c.owningAgency] })));
    return { items: page.map(caseSummaryView), nextCursor: nextKeyset(rows, limit) };
  }

  /** Search over what the caller may read only; shared cases in the answer are audited as the list audits them. */
  async search(user: AuthUser, q: string, limit: number, cursor: string | undefined) {
    const terms = caseSearchTerms(q, await this.deconfliction.keyOptions(user.agency));
    const rows = await this.cases.search(user.agency, terms, limit + 1, caseSearchCursor.parse(cursor));
    const page = rows.slice(0, limit);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'case', ground: 'shared', list: true },
      page.map((c) => ({ id: c.id, agencies: [c.owningAgency] })));
    return { items: page.map(caseSummaryView), nextCursor: rows.length > limit ? caseSearchCursor.encode(page[limit - 1]) : null };
  }

  async append(user: AuthUser, caseId: string, kind: AppendKind, items: object[], key: string | undefined) {
    await this.requireOwner(user, caseId);
    await this.refuseUnmatchable(user, { [kind]: items });
    const hash = IdempotencyService.requestHash(`POST /cases/${caseId}/${kind}`, items);
    const seed = key === undefined ? undefined : `${user.userId}\n${key}\n${caseId}\n${kind}`;
    const append = { kind, items: withIds(items, seed) } as CaseItems;
    return this.idempotency.viaUpdate(user.userId, key, hash, async (updateId) => {
      const result = await this.runUpdate(caseId, () => this.temporal.executeUpdate(
        caseWorkflowId(caseId), appendToCaseUpdate, { actor: actorOf(user), append }, updateId,
      ));
      return { status: 201, body: { ...result } };
    });
  }

  async close(user: AuthUser, caseId: string, outcome: string, result: string | undefined, key: string | undefined) {
    await this.requireOwner(user, caseId);
    const hash = IdempotencyService.requestHash(`POST /cases/${caseId}/close`, { outcome, result });
    return this.idempotency.viaUpdate(user.userId, key, hash, async (updateId) => {
      const closed: CloseResult = await this.runUpdate(caseId, () => this.temporal.executeUpdate(
        caseWorkflowId(caseId), closeCaseUpdate, { actor: actorOf(user), outcome, ...(result ? { result } : {}) }, updateId,
      ));
      return { status: 200, body: { ...closed } };
    });
  }

  /**
   * PATCH: the owning agency's agents change title, summary, flags or lead agent through the case workflow, which
   * orders the edit with appends and close and runs the referral rules again when flags are sent. Answers the case.
   */
  async update(user: AuthUser, caseId: string, dto: UpdateCaseDto) {
    await this.requireOwner(user, caseId);
    const { leadAgent: username, ...fields } = sentFields(dto);
    if (Object.keys(fields).length === 0 && username === undefined) throw new ApiError('ValidationFailed', M.caseEditEmpty);
    if ((await this.cases.findById(caseId))?.status === 'CLOSED') throw new ApiError('Conflict', M.caseClosed, { id: caseId });
    const leadAgent = username === undefined ? undefined : await this.cases.findAgent(user.agency, username);
    if (username !== undefined && !leadAgent) {
      throw fieldError('leadAgent', `is not a case agent of ${user.agency}`, `no es un agente de casos de ${user.agency}`);
    }
    const edit: CaseEdit = { ...fields, ...(leadAgent ? { leadAgent } : {}) };
    await this.runUpdate(caseId, () => this.temporal.executeUpdate(
      caseWorkflowId(caseId), editCaseUpdate, { actor: actorOf(user), edit }, `req-${randomUUID()}`,
    ));
    return this.get(user, caseId);
  }

  async share(user: AuthUser, caseId: string, agency: string, reason: string, key: string | undefined) {
    await this.requireOwner(user, caseId);
    const target = agency.toUpperCase();
    const refusal = await this.cases.shareRefusal(user.agency, target);
    if (refusal === 'OWN_AGENCY') throw fieldError('agency', 'is the owning agency already', 'ya es la agencia propietaria');
    if (refusal === 'UNKNOWN_AGENCY') throw fieldError('agency', 'is not a known agency code', 'no es un código de agencia conocido');
    const hash = IdempotencyService.requestHash(`POST /cases/${caseId}/shares`, { agency, reason });
    return this.idempotency.inTransaction(user.userId, key, hash, async (tx) => ({
      status: 201, body: { ...(await this.cases.grantShare(tx, caseId, target, reason, user)) },
    }));
  }

  async unshare(user: AuthUser, caseId: string, agency: string): Promise<void> {
    await this.requireOwner(user, caseId);
    const revoked = await this.cases.revokeShare(caseId, agency.toUpperCase(), user);
    if (!revoked) throw new ApiError('NotFound', M.shareNotFound, { id: caseId, agency });
  }

  /** Runs a case-workflow update, its refusals as problems (shared with subject-dob.api.ts). */
  async runUpdate<T>(caseId: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof WorkflowRejection)) throw error;
      const record = await this.cases.findById(caseId);
      throw failureProblem(error, {
        id: caseId,
        conflict: () => new ApiError('Conflict', M.caseClosed, { id: caseId }),
        // No workflow to take the update: a closed case's has ended; an open one's starts just after intake commits.
        finished: record?.status === 'CLOSED',
        starting: () => new ApiError('Unavailable', M.caseRegistering, { id: caseId }, { headers: { 'retry-after': '2' } }),
      });
    }
  }

  /** Not visible and not existing look the same to the caller (404); the refusal is audited. */
  private async requireAccess(user: AuthUser, caseId: string): Promise<CaseAccess> {
    const access = await this.cases.accessFor(caseId, user.agency);
    if (access) return access;
    const refused = { entityType: 'case', entityId: caseId, reason: 'agency', exists: await this.cases.exists(caseId) };
    throw await this.access.hidden(user, refused, M.caseNotFound);
  }

  requireOwner(user: AuthUser, caseId: string): Promise<void> {
    return this.access.requireOwner(user, {
      entityType: 'case', entityId: caseId, notFound: M.caseNotFound,
      accessFor: () => this.cases.accessFor(caseId, user.agency), exists: () => this.cases.exists(caseId),
    });
  }
}
