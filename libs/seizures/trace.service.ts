import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import { uuidFrom } from '../common/deterministic-id';
import { assertDefined } from '../db/sql';
import { NotificationStore } from '../notifications/notification-store';
import { nextTraceStatus, TraceAction, TracePriority, TraceStatus, timeToCrimeDays } from './trace-rules';
import { TraceRecord, TraceRepository } from './trace.repository';

export type { TraceRecord } from './trace.repository';

import { traceWorkflowId } from '../contracts/workflows';

export interface TraceActor { userId: string; username: string; agency: string }
export interface TraceResultInput { firstRetailDealer?: string; sourceState?: string; firstRetailSaleDate?: string; reason?: string }

/** The firearm already has a trace in progress: a second one would be worked twice. */
export class TraceAlreadyOpen extends Error {
  constructor(readonly traceId: string) { super(`trace ${traceId} of this firearm is still open`); }
}

export class InvalidTraceTransition extends Error {
  constructor(readonly current: TraceStatus, action: TraceAction) { super(`cannot ${action.toLowerCase()} a trace that is ${current}`); }
}

/**
 * Trace requests (seed 003): submitted, monitored while in progress, completed with a result or closed unsuccessful.
 * Each use case is one transaction with its audit entry and notifications; the SQL is TraceRepository's.
 */
export class TraceService {
  private readonly traces = new TraceRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationStore,
    private readonly audit: AuditStore,
    private readonly dueAfterMs: Record<TracePriority, number>,
  ) {}

  /** The agency that traces firearms is data: the one R3 (DOMESTIC_FIREARMS) routes to. */
  async tracingAgency(tx?: EntityManager): Promise<string> {
    return (await this.traces.tracingAgency(tx ?? this.dataSource)) ?? 'ATF';
  }

  async request(
    tx: EntityManager, id: string, actor: TraceActor, seizureId: string, input: { serialNumber: string; priority: TracePriority; firearmId: string | null },
  ): Promise<TraceRecord> {
    const at = new Date();
    const history = [{ status: 'SUBMITTED', actor: actor.username, agency: actor.agency, at: at.toISOString() }];
    await this.traces.insert(tx, {
      id, seizureId, firearmId: input.firearmId, serialNumber: input.serialNumber, priority: input.priority,
      requestingAgency: actor.agency, tracingAgency: await this.tracingAgency(tx), requestedBy: actor.username,
      dueAt: new Date(at.getTime() + this.dueAfterMs[input.priority]), history, workflowId: traceWorkflowId(id), at,
    });
    const trace = await this.load(tx, id);
    await this.announce(tx, trace, 'trace.submitted', actor, { priority: input.priority });
    return trace;
  }

  /**
   * A case agent's request to trace a firearm of their case (issue 18): the same record and clock as a seizure's
   * trace, in the case's name. Refused while the firearm has a trace in progress.
   */
  async requestForCaseFirearm(
    tx: EntityManager, id: string, actor: TraceActor, caseId: string, firearm: { id: string; serialNumber: string }, priority: TracePriority,
  ): Promise<TraceRecord> {
    const open = await this.traces.openTraceOfCaseFirearm(tx, firearm.id);
    if (open) throw new TraceAlreadyOpen(open);
    const at = new Date();
    const history = [{ status: 'SUBMITTED', actor: actor.username, agency: actor.agency, at: at.toISOString() }];
    await this.traces.insertForCaseFirearm(tx, {
      id, caseId, caseFirearmId: firearm.id, serialNumber: firearm.serialNumber, priority, requestingAgency: actor.agency,
      tracingAgency: await this.tracingAgency(tx), requestedBy: actor.username,
      dueAt: new Date(at.getTime() + this.dueAfterMs[priority]), history, workflowId: traceWorkflowId(id), at,
    });
    const trace = await this.load(tx, id);
    await this.announce(tx, trace, 'trace.submitted', actor, { priority, caseFirearmId: firearm.id });
    return trace;
  }

  async caseFirearm(caseId: string, firearmId: string): Promise<{ id: string; serialNumber: string } | null> {
    return (await this.traces.caseFirearm(this.dataSource, caseId, firearmId)) ?? null;
  }

  /**
   * R3: once the firearms agency has accepted the case's R3 referral (and with it a share of the case), each firearm
   * of the case gets a routine trace requested in the owning agency's name. Before acceptance nothing of the case but
   * the referral's reason leaves the owning agency. One trace per case firearm; answers every such trace of the case.
   */
  async ensureCaseFirearmTraces(caseId: string): Promise<{ traceId: string; workflowId: string; dueAt: string }[]> {
    return this.dataSource.transaction(async (tx) => {
      const at = new Date();
      const tracing = await this.tracingAgency(tx);
      const firearms = await this.traces.untracedCaseFirearms(tx, caseId, tracing);
      // Ids derive from the firearm, so a retried activity finds the trace it already made.
      const created = await this.traces.insertCaseFirearmTraces(tx, caseId,
        firearms.map((firearmId) => ({ id: uuidFrom(`case-trace\n${firearmId}`), firearmId })),
        tracing, new Date(at.getTime() + this.dueAfterMs.ROUTINE), at);
      for (const id of created) {
        await this.announce(tx, await this.load(tx, id), 'trace.submitted', null, { priority: 'ROUTINE', rule: 'R3' });
      }
      const all = await this.traces.startsForCase(tx, caseId);
      return all.map((r) => ({ traceId: r.id, workflowId: r.workflowId, dueAt: r.dueAt.toISOString() }));
    });
  }

  /**
   * One step of the state machine; a retry of a step already applied by the same actor answers the trace as it is.
   * A result is accepted only while the trace is in progress.
   */
  async transition(id: string, action: TraceAction, actor: TraceActor, result: TraceResultInput = {}): Promise<TraceRecord> {
    return this.dataSource.transaction(async (tx) => {
      const locked = await this.traces.lock(tx, id);
      if (!locked) throw new Error(`trace ${id} not found`);
      const current = locked.trace;
      const next = nextTraceStatus(current.status, action);
      if (next === null) {
        const last = current.history[current.history.length - 1] as { action?: string; actor?: string } | undefined;
        if (last?.action === action && last.actor === actor.username) return current;
        throw new InvalidTraceTransition(current.status, action);
      }
      const at = new Date();
      // Time-to-crime runs to the seizure; a case firearm that was never seized has none.
      const days = result.firstRetailSaleDate && locked.seizedAt ? timeToCrimeDays(result.firstRetailSaleDate, locked.seizedAt) : null;
      const entry = {
        status: next, action, actor: actor.username, agency: actor.agency, at: at.toISOString(),
        ...(result.reason ? { note: result.reason } : {}),
      };
      await this.traces.applyStep(tx, id, next, entry, at, {
        firstRetailDealer: result.firstRetailDealer ?? null, sourceState: result.sourceState?.toUpperCase() ?? null,
        firstRetailSaleDate: result.firstRetailSaleDate ?? null, timeToCrimeDays: days,
        unsuccessfulReason: action === 'FAIL' ? result.reason ?? null : null,
      });
      const updated = await this.load(tx, id);
      await this.announce(tx, updated, `trace.${next.toLowerCase()}`, actor, { from: current.status, to: next });
      return updated;
    });
  }

  /** The due time passed without a result: flagged (the status stays), both agencies told. Idempotent. */
  async markOverdue(id: string): Promise<TraceRecord | null> {
    return this.dataSource.transaction(async (tx) => {
      const flagged = await this.traces.flagOverdue(tx, id);
      const trace = await this.traces.find(tx, id);
      if (trace && flagged) await this.announce(tx, trace, 'trace.overdue', null, {});
      return trace ?? null;
    });
  }

  async find(id: string): Promise<TraceRecord | null> {
    return (await this.traces.find(this.dataSource, id)) ?? null;
  }

  /**
   * Traces an agency asked for or works, by status (OVERDUE = flagged overdue and not finished), newest first; `after`
   * is the last row of the previous page (keyset).
   */
  async list(agency: string, status: string | undefined, limit: number, after?: { createdAt: Date; id: string }): Promise<TraceRecord[]> {
    return this.traces.list(this.dataSource, agency, status, limit, after);
  }

  /** A trace this transaction wrote or locked. */
  private async load(tx: EntityManager, id: string): Promise<TraceRecord> {
    return assertDefined(await this.traces.find(tx, id), `trace ${id}`);
  }

  /** Audit, and notifications to whoever asked for the trace and to the tracing agency's agents. */
  private async announce(tx: EntityManager, trace: TraceRecord, action: string, actor: TraceActor | null, details: Record<string, unknown>): Promise<void> {
    await this.audit.append({
      actor: actor?.username ?? 'system', agency: actor?.agency ?? null, action, entityType: 'trace', entityId: trace.id,
      details: { seizureId: trace.seizureId, caseId: trace.caseId, ...details }, dedupKey: `${action}:${trace.id}`,
    }, tx);
    const users = await this.traces.recipients(tx, trace.tracingAgency, trace.requestedBy);
    await this.notifications.push(tx, users.map((userId) => ({
      userId, kind: action, entityType: 'trace', entityId: trace.id, payload: { trace: traceView(trace) },
      dedupKey: `${action}:${trace.id}`,
    })));
  }
}

export function traceView(t: TraceRecord) {
  return {
    id: t.id, seizureId: t.seizureId, caseId: t.caseId, firearmId: t.firearmId, serialNumber: t.serialNumber, priority: t.priority,
    status: t.status, overdue: t.overdue, requestingAgency: t.requestingAgency, tracingAgency: t.tracingAgency,
    requestedBy: t.requestedBy, dueAt: t.dueAt.toISOString(),
    result: t.status === 'COMPLETED'
      ? { firstRetailDealer: t.firstRetailDealer, sourceState: t.sourceState, firstRetailSaleDate: t.firstRetailSaleDate, timeToCrimeDays: t.timeToCrimeDays }
      : null,
    unsuccessfulReason: t.unsuccessfulReason, history: t.history, createdAt: t.createdAt.toISOString(),
  };
}
