import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead } from '../../../../libs/audit/read-audit';
import type { AuthUser } from '../../../../libs/auth/roles';
import { uuidFrom } from '../../../../libs/common/deterministic-id';
import type { AppConfig } from '../../../../libs/config/config';
import type { MeetingActor, MeetingWorkflowState } from '../../../../libs/contracts/meetings';
import { assertDefined } from '../../../../libs/db/sql';
import { ActionItemService } from '../../../../libs/meetings/action-item.service';
import {
  complianceTotals, MeetingStep,
} from '../../../../libs/meetings/meeting-rules';
import { MeetingAspect, MeetingRecord, MeetingService } from '../../../../libs/meetings/meeting.service';
import { complianceItemView, meetingSummaryView, meetingView } from '../../../../libs/meetings/meeting-views';
import {
  recordNoticeUpdate, recordOutcomeUpdate, requestReportUpdate, reviewReportUpdate, submitReportUpdate,
} from '../../../../libs/contracts/messages/meeting';
import { AccessPolicy } from '../common/access-policy';
import { actorOf } from '../common/actor';
import { ApiError, fieldError, fieldErrors } from '../common/api-error';
import { keysetCursor, nextKeyset } from '../common/cursor';
import { failureProblem } from '../common/failure-problems';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { M } from '../common/messages';
import { APP_CONFIG } from '../infra/tokens';
import { TemporalService, WorkflowRejection } from '../infra/temporal.service';
import type { CreateMeetingDto, RecordOutcomeDto, ReviewReportDto } from './dto/meeting.dto';
import { meetingRefusal, readModelRefusal } from './meeting-refusals';
import { scopeOf } from './meeting-scope';
import { startMeetingWorkflow } from './meeting-workflows';
import { MeetingInputs, normaliseAttendees } from './meeting-inputs';

type Step = MeetingStep;
/** Sides that may take a step: the organizing agency, or the meeting-coordination team and leadership (any agency). */
type Side = 'organizer' | 'coordination';
const MAX_COMPLIANCE_ITEMS = 10_000;

/** Meetings over HTTP: who may take which step, idempotency, and the meeting's workflow; the rest is MeetingService. */
@Injectable()
export class MeetingsApi {
  constructor(
    private readonly meetings: MeetingService,
    private readonly actionItems: ActionItemService,
    private readonly audit: AuditStore,
    private readonly temporal: TemporalService,
    private readonly idempotency: IdempotencyService,
    private readonly access: AccessPolicy,
    private readonly inputs: MeetingInputs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * M1/M2 decide at creation whether a notice is owed and by when. The meeting, its audit entry and the idempotency
   * answer commit together, with the workflow started inside the same transaction (503 and nothing written when
   * Temporal is away).
   */
  async create(user: AuthUser, dto: CreateMeetingDto, key: string | undefined): Promise<IdempotentOutcome> {
    const known = new Set(await this.meetings.agenciesOf(dto.counterpartCountry));
    const agencies = [...new Set(dto.counterpartAgencies.map((a) => a.trim().toUpperCase()))];
    const unknown = dto.counterpartAgencies.map((a, i) => ({ a: a.trim().toUpperCase(), i })).filter(({ a }) => !known.has(a));
    const badAttendees = await this.inputs.unknownAgencies(dto.attendees ?? []);
    if (unknown.length > 0 || badAttendees.length > 0) {
      throw fieldErrors([...unknown.map(({ i }) => ({
        field: `counterpartAgencies[${i}]`,
        en: `is not a known agency of ${dto.counterpartCountry}`, es: `no es una agencia conocida de ${dto.counterpartCountry}`,
      })), ...badAttendees]);
    }
    if (dto.caseId !== undefined) await this.inputs.assertCaseReadable(user, dto.caseId);
    const hash = IdempotencyService.requestHash('POST /meetings', dto);
    const id = randomUUID();
    return this.idempotency.inTransaction(user.userId, key, hash, async (tx) => {
      const meeting = await this.meetings.create(tx, {
        id, organizer: actorOf(user), title: dto.title, counterpartCountry: dto.counterpartCountry, counterpartAgencies: agencies,
        level: dto.level, scheduledAt: new Date(dto.scheduledAt), location: dto.location, deliverables: dto.deliverables ?? [],
        caseId: dto.caseId, attendees: normaliseAttendees(dto.attendees ?? []),
      }, new Date(), (m) => startMeetingWorkflow(this.temporal, this.config, m));
      const { notificationRequired, notificationDueAt, workflowId, notification, report } = meetingSummaryView(meeting);
      return {
        status: 201,
        body: { id, notificationRequired, ...(notificationDueAt ? { notificationDueAt } : {}), workflowId, notification, report },
      };
    });
  }

  async list(user: AuthUser, limit: number, cursor: string | undefined, caseId?: string) {
    const rows = await this.meetings.list(scopeOf(user), limit + 1, keysetCursor.parse(cursor), caseId);
    const page = rows.slice(0, limit);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'meeting', ground: 'other_agency', list: true },
      page.map((m) => ({ id: m.id, agencies: [m.owningAgency] })));
    return { items: page.map(meetingSummaryView), nextCursor: nextKeyset(rows, limit) };
  }

  async get(user: AuthUser, id: string) {
    const meeting = await this.findFor(user, id, scopeOf(user));
    return meetingView(meeting, await this.actionItems.forMeeting(id));
  }

  /** M4 over the meetings scheduled in [from, to]: one line each, and totals per state. Audited (a read of all agencies). */
  async compliance(user: AuthUser, from: string, to: string) {
    if (Date.parse(to) < Date.parse(from)) throw fieldError('to', 'must not be before from', 'no debe ser anterior a from');
    const rows = await this.meetings.scheduledBetween(new Date(from), new Date(to), MAX_COMPLIANCE_ITEMS + 1);
    if (rows.length > MAX_COMPLIANCE_ITEMS) {
      throw fieldError('to', `the period holds more than ${MAX_COMPLIANCE_ITEMS} meetings; choose a shorter one`,
        `el periodo contiene más de ${MAX_COMPLIANCE_ITEMS} reuniones; elija uno más corto`);
    }
    const items = rows.map(complianceItemView);
    await this.audit.append({
      actor: user.username, agency: user.agency, action: 'meeting.compliance_read', entityType: 'meeting', entityId: null,
      details: { from, to, meetings: items.length },
    });
    return { items, totals: complianceTotals(items) };
  }

  notice(user: AuthUser, id: string, key: string | undefined) {
    return this.step(user, id, 'notice', 'organizer', key, 200, {}, (actor) => ({ update: recordNoticeUpdate, arg: { actor } }));
  }

  /** Action item ids come from the Idempotency-Key when there is one, so a retried request creates none twice. */
  outcome(user: AuthUser, id: string, dto: RecordOutcomeDto, key: string | undefined) {
    const seed = key === undefined ? undefined : `${user.userId}\n${key}\n${id}\noutcome`;
    const actionItems = (dto.actionItems ?? []).map((item, index) => ({
      id: seed ? uuidFrom(`${seed}\n${index}`) : randomUUID(), description: item.description, owner: item.owner, dueAt: item.dueAt,
    }));
    return this.step(user, id, 'outcome', 'organizer', key, 201, dto, (actor) => ({
      update: recordOutcomeUpdate, arg: { actor, heldAt: dto.heldAt, summary: dto.summary, actionItems },
    }));
  }

  requestReport(user: AuthUser, id: string, dueAt: string | undefined, key: string | undefined) {
    return this.step(user, id, 'REQUEST', 'coordination', key, 200, { dueAt }, (actor) => ({
      update: requestReportUpdate, arg: { actor, ...(dueAt ? { dueAt: new Date(dueAt).toISOString() } : {}) },
    }));
  }

  submitReport(user: AuthUser, id: string, body: string, key: string | undefined) {
    return this.step(user, id, 'SUBMIT', 'organizer', key, 200, { body }, (actor) => ({ update: submitReportUpdate, arg: { actor, body } }));
  }

  reviewReport(user: AuthUser, id: string, dto: ReviewReportDto, key: string | undefined) {
    if (dto.dueAt !== undefined && dto.decision !== 'RETURN') {
      throw fieldError('dueAt', 'is only allowed when decision is RETURN', 'solo se permite cuando decision es RETURN');
    }
    return this.step(user, id, dto.decision, 'coordination', key, 200, dto, (actor) => ({
      update: reviewReportUpdate,
      arg: { actor, decision: dto.decision, comment: dto.comment, ...(dto.dueAt ? { dueAt: new Date(dto.dueAt).toISOString() } : {}) },
    }));
  }

  /**
   * Every step goes through the meeting's workflow as an update (under an update id derived from the Idempotency-Key
   * when there is one). A step the rules refuse is 409 with the current state: checked on the read model first (but
   * for a retry under a key), and again by the workflow's validator, which has the last word.
   */
  async step<A>(
    user: AuthUser, id: string, step: Step, side: Side, key: string | undefined, status: number, body: unknown,
    build: (actor: MeetingActor) => { update: UpdateDefinition<MeetingWorkflowState, [A]>; arg: A },
  ) {
    const meeting = await this.findFor(user, id, side === 'organizer' ? user.agency : null);
    const hash = IdempotencyService.requestHash(`POST /meetings/${id}/${step}`, body);
    return this.idempotency.viaUpdate(user.userId, key, hash, async (updateId) => {
      // A retry under an Idempotency-Key goes to the workflow, which answers an update it already ran with its outcome.
      if (key === undefined) {
        const refused = readModelRefusal(meeting, step);
        if (refused) throw refused;
      }
      const { update, arg } = build(actorOf(user));
      try {
        await this.temporal.executeUpdate(meeting.workflowId, update, arg, updateId);
      } catch (error) {
        if (!(error instanceof WorkflowRejection)) throw error;
        // Without a workflow to ask, the read model decides: finished (every obligation met, so the step is refused)
        // or not there yet.
        const current = await this.meetings.findById(id);
        const refusedNow = current ? readModelRefusal(current, step) : null;
        const starting = () => new ApiError('Unavailable', M.meetingRegistering, { id }, { headers: { 'retry-after': '2' } });
        throw failureProblem(error, {
          id,
          conflict: (details) => {
            if (details.length === 0) return refusedNow ?? starting();
            const [currentState, aspect, reason] = details as [string, MeetingAspect, string | undefined];
            return meetingRefusal(id, step, aspect, currentState, reason);
          },
          finished: refusedNow !== null,
          starting,
        });
      }
      const updated = assertDefined(await this.meetings.findById(id), `meeting ${id}`);
      return { status, body: meetingView(updated, await this.actionItems.forMeeting(id)) };
    });
  }

  /**
   * The meeting if `agency` (null: any) may see it. Authorisation is in the query; a meeting of another agency looks
   * like one that does not exist (404) and the refusal is audited. A read across agencies is audited too.
   */
  async findFor(user: AuthUser, id: string, agency: string | null): Promise<MeetingRecord> {
    const meeting = await this.meetings.findVisible(id, agency);
    if (!meeting) {
      const refused = { entityType: 'meeting', entityId: id, reason: 'agency', exists: await this.meetings.exists(id) };
      throw await this.access.hidden(user, refused, M.meetingNotFound);
    }
    await auditCrossAgencyRead(this.audit, user, { entityType: 'meeting', ground: 'other_agency' }, [{ id, agencies: [meeting.owningAgency] }]);
    return meeting;
  }
}
