import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CaseRepository } from '../../../../libs/cases/case.repository';
import { TraceAlreadyOpen, TraceRecord, TraceService, traceView } from '../../../../libs/seizures/trace.service';
import { AccessPolicy } from '../common/access-policy';
import { ApiError } from '../common/api-error';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { M } from '../common/messages';
import { RecordWorkflows } from '../infra/record-workflows';
import type { CreateCaseFirearmTraceDto } from './dto/seizure.dto';
import { TRACE_MESSAGES } from './seizure-messages';

/**
 * Traces asked for by a case's own agents (issue 18): any firearm of their case, whoever owns the case (a
 * domestic-sale case owned by the firearms agency included, which R3 never refers). The trace runs on the same
 * durable workflow as a seizure's.
 */
@Injectable()
export class CaseTracesApi {
  constructor(
    private readonly traces: TraceService,
    private readonly cases: CaseRepository,
    private readonly workflows: RecordWorkflows,
    private readonly idempotency: IdempotencyService,
    private readonly access: AccessPolicy,
  ) {}

  async request(user: AuthUser, caseId: string, firearmId: string, dto: CreateCaseFirearmTraceDto, key: string | undefined): Promise<IdempotentOutcome> {
    await this.requireOwner(user, caseId);
    const firearm = await this.traces.caseFirearm(caseId, firearmId);
    if (!firearm) throw new ApiError('NotFound', TRACE_MESSAGES.caseFirearmNotFound, { id: caseId, firearmId });
    const id = randomUUID();
    const hash = IdempotencyService.requestHash(`POST /cases/${caseId}/firearms/${firearmId}/traces`, dto);
    let trace: TraceRecord | undefined;
    let outcome: IdempotentOutcome;
    try {
      outcome = await this.idempotency.inTransaction(user.userId, key, hash, async (tx) => {
        trace = await this.traces.requestForCaseFirearm(tx, id, user, caseId, firearm, dto.priority);
        return { status: 201, body: traceView(trace) as unknown as Record<string, unknown> };
      });
    } catch (error) {
      if (!(error instanceof TraceAlreadyOpen)) throw error;
      throw new ApiError('Conflict', TRACE_MESSAGES.traceAlreadyOpen, { firearmId, traceId: error.traceId }, { body: { openTraceId: error.traceId } });
    }
    if (!outcome.replayed && trace) await this.workflows.start('traceWorkflow', id, { traceId: id, dueAt: trace.dueAt.toISOString() });
    return outcome;
  }

  /** Another agency's case is not found (404); an agency it is shared with reads it but does not act on it (403). */
  private requireOwner(user: AuthUser, caseId: string): Promise<void> {
    return this.access.requireOwner(user, {
      entityType: 'case', entityId: caseId, notFound: M.caseNotFound,
      accessFor: () => this.cases.accessFor(caseId, user.agency), exists: () => this.cases.caseExists(caseId),
    });
  }
}
