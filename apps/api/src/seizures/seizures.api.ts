import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { UpdateDefinition } from '@temporalio/common';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead } from '../../../../libs/audit/read-audit';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CaseRepository } from '../../../../libs/cases/case.repository';
import { assertDefined } from '../../../../libs/db/sql';
import type { TraceStepRequest, TraceWorkflowState } from '../../../../libs/contracts/seizures';
import { HitRepository } from '../../../../libs/deconfliction/hit.repository';
import { sideOf, sideView } from '../../../../libs/deconfliction/hit-views';
import { normalizeSerial } from '../../../../libs/deconfliction/normalize';
import { SeizureIncomplete, SeizureService, seizureView } from '../../../../libs/seizures/seizure.service';
import { TraceRecord, TraceService, traceView } from '../../../../libs/seizures/trace.service';
import { completeTraceUpdate, failTraceUpdate, startTraceUpdate } from '../../../../libs/contracts/messages/trace';
import { ApiError, fieldError } from '../common/api-error';
import { AccessPolicy } from '../common/access-policy';
import { actorOf } from '../common/actor';
import { listingCursor, nextCursorOf } from '../common/listing-cursor';
import { failureProblem } from '../common/failure-problems';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { M } from '../common/messages';
import { RecordWorkflows } from '../infra/record-workflows';
import { TemporalService, WorkflowRejection } from '../infra/temporal.service';
import type { CreateSeizureDto, CreateTraceDto, PatchSeizureDto, SeizureFirearmPatchDto, TraceResultDto } from './dto/seizure.dto';

const traceRead = (t: TraceRecord) => ({ id: t.id, agencies: [t.requestingAgency] });
const seizureCursor = listingCursor('seizures');
const traceCursor = listingCursor('traces');

/** A recorded firearm is completed by id (its serial was deconflicted as recorded); one without id needs a readable serial. */
function checkFirearmPatch(f: SeizureFirearmPatchDto, i: number, known: Set<string>): void {
  if (f.id !== undefined) {
    if (!known.has(f.id)) throw fieldError(`firearms[${i}].id`, 'is not a firearm of this seizure', 'no es un arma de este aseguramiento');
    if (f.serialNumber !== undefined) {
      throw fieldError(`firearms[${i}].serialNumber`, 'cannot change on a recorded firearm', 'no puede cambiar en un arma ya registrada');
    }
  } else if (f.serialNumber === undefined || normalizeSerial(f.serialNumber) === null) {
    throw fieldError(`firearms[${i}].serialNumber`, 'must be a readable serial for a firearm without id', 'debe ser un número de serie legible para un arma sin id');
  }
}

@Injectable()
export class SeizuresApi {
  constructor(
    private readonly dataSource: DataSource,
    private readonly seizures: SeizureService,
    private readonly traces: TraceService,
    private readonly cases: CaseRepository,
    private readonly hits: HitRepository,
    private readonly audit: AuditStore,
    private readonly temporal: TemporalService,
    private readonly workflows: RecordWorkflows,
    private readonly idempotency: IdempotencyService,
    private readonly access: AccessPolicy,
  ) {}

  /** The record commits with its audit entry; then its serials are deconflicted by the seizure's workflow. */
  async create(user: AuthUser, dto: CreateSeizureDto, key: string | undefined): Promise<IdempotentOutcome> {
    if (dto.caseId && (await this.cases.accessFor(dto.caseId, user.agency)) !== 'OWNER') {
      throw fieldError('caseId', 'is not a case of your agency', 'no es un caso de su agencia');
    }
    dto.firearms.forEach((f, i) => {
      if (normalizeSerial(f.serialNumber) === null) throw fieldError(`firearms[${i}].serialNumber`, 'has no readable characters', 'no tiene caracteres legibles');
    });
    const id = randomUUID();
    const outcome = await this.idempotency.inTransaction(user.userId, key, IdempotencyService.requestHash('POST /seizures', dto), async (tx) => {
      const record = await this.seizures.create(tx, id, user, dto);
      const view = seizureView(record, 'OWNER');
      return { status: 201, body: view as unknown as Record<string, unknown> };
    });
    if (!outcome.replayed) await this.workflows.start('seizureWorkflow', id, { seizureId: id });
    return outcome;
  }

  /** Newest first, paged by keyset (`nextCursor`). */
  async list(user: AuthUser, limit: number, cursor: string | undefined) {
    const after = seizureCursor.parse(cursor);
    const rows = await this.seizures.listFor(user.agency, limit + 1, after);
    const records = rows.slice(0, limit);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'seizure', ground: 'shared', list: true },
      records.map((r) => ({ id: r.id, agencies: [r.owningAgency] })));
    return { items: records.map((r) => seizureView(r, r.owningAgency === user.agency ? 'OWNER' : 'SHARED')), nextCursor: nextCursorOf(seizureCursor, rows, limit) };
  }

  async get(user: AuthUser, id: string) {
    const access = await this.requireAccess(user, id);
    const record = await this.seizures.find(id);
    if (!record) throw new ApiError('NotFound', M.seizureNotFound, { id });
    await auditCrossAgencyRead(this.audit, user, { entityType: 'seizure', ground: 'shared' }, [{ id, agencies: [record.owningAgency] }]);
    return seizureView(record, access);
  }

  /** Firearms without an id were found later: they are added and deconflicted by one more pass of the workflow. */
  async patch(user: AuthUser, id: string, dto: PatchSeizureDto) {
    await this.requireOwner(user, id);
    const current = await this.seizures.find(id);
    const known = new Set(current?.firearms.map((f) => f.id));
    (dto.firearms ?? []).forEach((f, i) => checkFirearmPatch(f, i, known));
    const updated = await this.dataSource.transaction((tx) => this.seizures.patch(tx, id, user, dto));
    if (current && updated.watchPass > current.watchPass) {
      await this.workflows.start('seizureWorkflow', id, { seizureId: id, pass: updated.watchPass });
    }
    return seizureView(updated, 'OWNER');
  }

  async share(user: AuthUser, id: string, agencies: string[]) {
    await this.requireOwner(user, id);
    const targets = [...new Set(agencies.map((a) => a.toUpperCase()))];
    for (const [i, agency] of targets.entries()) {
      if (!(await this.cases.agencyExists(agency))) throw fieldError(`agencies[${i}]`, 'is not a known agency code', 'no es un código de agencia conocido');
    }
    try {
      return seizureView(await this.dataSource.transaction((tx) => this.seizures.share(tx, id, user, targets)), 'OWNER');
    } catch (error) {
      if (error instanceof SeizureIncomplete) {
        throw new ApiError('Conflict', M.seizureIncomplete, { id, missing: error.missing.join(', ') }, { body: { missing: error.missing } });
      }
      throw error;
    }
  }

  async seizureHits(user: AuthUser, id: string, lang: 'en' | 'es' = 'en') {
    await this.requireOwner(user, id);
    return { items: (await this.hits.forSeizure(id)).map((h) => sideView(h, sideOf(h, { seizureId: id }) ?? 'a', lang)) };
  }

  /** A trace for one of the seizure's firearms; the firearms agency works it on its own clock. */
  async requestTrace(user: AuthUser, seizureId: string, dto: CreateTraceDto, key: string | undefined): Promise<IdempotentOutcome> {
    await this.requireAccess(user, seizureId);
    const record = await this.seizures.find(seizureId);
    const wanted = normalizeSerial(dto.serialNumber);
    const firearm = record?.firearms.find((f) => normalizeSerial(f.serialNumber) === wanted);
    if (!firearm) throw fieldError('serialNumber', 'is not the serial of a firearm in this seizure', 'no es el número de serie de un arma de este aseguramiento');
    const id = randomUUID();
    const hash = IdempotencyService.requestHash(`POST /seizures/${seizureId}/traces`, dto);
    let trace: TraceRecord | undefined;
    const outcome = await this.idempotency.inTransaction(user.userId, key, hash, async (tx) => {
      trace = await this.traces.request(tx, id, user, seizureId, { serialNumber: firearm.serialNumber, priority: dto.priority, firearmId: firearm.id });
      return { status: 201, body: traceView(trace) as unknown as Record<string, unknown> };
    });
    if (!outcome.replayed && trace) {
      const dueAt = trace.dueAt.toISOString();
      await this.workflows.start('traceWorkflow', id, { traceId: id, dueAt });
    }
    return outcome;
  }

  /** A trace holds its requesting agency's firearm: the tracing agency's reads of it are audited. */
  async listTraces(user: AuthUser, status: string | undefined, limit: number, cursor: string | undefined) {
    const after = traceCursor.parse(cursor);
    const rows = await this.traces.list(user.agency, status, limit + 1, after);
    const traces = rows.slice(0, limit);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'trace', ground: 'other_agency', list: true }, traces.map(traceRead));
    return { items: traces.map(traceView), nextCursor: nextCursorOf(traceCursor, rows, limit) };
  }

  async getTrace(user: AuthUser, id: string) {
    const trace = await this.visibleTrace(user, id);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'trace', ground: 'other_agency' }, [traceRead(trace)]);
    return traceView(trace);
  }

  /** Only the firearms agency's agents move a trace; a result for a trace not in progress is 409. */
  async traceStep(user: AuthUser, id: string, step: 'start' | 'result', dto?: TraceResultDto) {
    const trace = await this.visibleTrace(user, id);
    if (trace.tracingAgency !== user.agency) {
      const refused = { entityType: 'trace', entityId: id, reason: 'not the tracing agency' };
      throw await this.access.forbidden(user, refused, M.notTracingAgency, { agency: trace.tracingAgency });
    }
    const update: UpdateDefinition<TraceWorkflowState, [TraceStepRequest]> = step === 'start'
      ? startTraceUpdate : dto?.status === 'COMPLETED' ? completeTraceUpdate : failTraceUpdate;
    const { status: _status, ...result } = dto ?? ({} as Partial<TraceResultDto>);
    try {
      await this.temporal.executeUpdate(trace.workflowId, update, {
        actor: actorOf(user), ...result,
      }, `${step}-${randomUUID()}`);
    } catch (error) {
      if (!(error instanceof WorkflowRejection)) throw error;
      const { status } = (await this.traces.find(id)) ?? trace;
      throw failureProblem(error, {
        id,
        conflict: () => new ApiError('Conflict', M.traceTransition, { id, status }, { body: { currentStatus: status } }),
        // A trace whose workflow is not found has always been answered as a refused step.
        finished: true,
      });
    }
    return traceView(assertDefined(await this.traces.find(id), `trace ${id}`));
  }

  private async visibleTrace(user: AuthUser, id: string): Promise<TraceRecord> {
    const trace = await this.traces.find(id);
    if (!trace || (trace.requestingAgency !== user.agency && trace.tracingAgency !== user.agency)) {
      throw await this.access.hidden(user, { entityType: 'trace', entityId: id, reason: 'agency', exists: trace !== null }, M.traceNotFound);
    }
    return trace;
  }

  private async requireAccess(user: AuthUser, id: string): Promise<'OWNER' | 'SHARED'> {
    const access = await this.seizures.accessFor(id, user.agency);
    if (access) return access;
    const exists = await this.seizures.exists(id);
    throw await this.access.hidden(user, { entityType: 'seizure', entityId: id, reason: 'agency', exists }, M.seizureNotFound);
  }

  private requireOwner(user: AuthUser, id: string): Promise<void> {
    return this.access.requireOwner(user, {
      entityType: 'seizure', entityId: id, notFound: M.seizureNotFound,
      accessFor: () => this.seizures.accessFor(id, user.agency), exists: () => this.seizures.exists(id),
    });
  }
}
