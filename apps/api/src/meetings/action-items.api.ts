import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead, ReadRecord } from '../../../../libs/audit/read-audit';
import type { AuthUser } from '../../../../libs/auth/roles';
import { actionItemWorkflowId } from '../../../../libs/contracts/workflows';
import { assertDefined } from '../../../../libs/db/sql';
import { ActionItemFilter, ActionItemRecord, ActionItemService } from '../../../../libs/meetings/action-item.service';
import { nextActionItemStatus } from '../../../../libs/meetings/meeting-rules';
import { actionItemView } from '../../../../libs/meetings/meeting-views';
import { closeActionItemUpdate } from '../../../../libs/contracts/messages/action-item';
import { AccessPolicy } from '../common/access-policy';
import { actorOf } from '../common/actor';
import { ApiError } from '../common/api-error';
import { keysetCursor, nextKeyset } from '../common/cursor';
import { failureProblem } from '../common/failure-problems';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { M } from '../common/messages';
import { TemporalService, WorkflowRejection } from '../infra/temporal.service';
import type { CreateActionItemDto } from './dto/action-item.dto';
import { startActionItemWorkflows } from './meeting-workflows';
import { scopeOf } from './meeting-scope';

const itemRead = (item: ActionItemRecord): ReadRecord => ({ id: item.id, agencies: [item.owningAgency] });

/** Action items over HTTP: who may reach which item, idempotency, and the item's workflow; the rest is ActionItemService. */
@Injectable()
export class ActionItemsApi {
  constructor(
    private readonly actionItems: ActionItemService,
    private readonly audit: AuditStore,
    private readonly temporal: TemporalService,
    private readonly idempotency: IdempotencyService,
    private readonly access: AccessPolicy,
  ) {}

  /** A conference follow-up: the item, its audit entry and its workflow start commit together (or not at all). */
  async create(user: AuthUser, dto: CreateActionItemDto, key: string | undefined): Promise<IdempotentOutcome> {
    const hash = IdempotencyService.requestHash('POST /action-items', dto);
    const id = randomUUID();
    return this.idempotency.inTransaction(user.userId, key, hash, async (tx) => {
      await this.actionItems.insert(tx, [{ id, description: dto.description, owner: dto.owner, dueAt: dto.dueAt }], {
        source: 'CONFERENCE', conference: dto.conference, owningAgency: user.agency, createdBy: actorOf(user),
      }, new Date(), (starts) => startActionItemWorkflows(this.temporal, starts));
      return { status: 201, body: { id, status: 'OPEN', dueAt: new Date(dto.dueAt).toISOString(), workflowId: actionItemWorkflowId(id) } };
    });
  }

  async list(user: AuthUser, filter: ActionItemFilter, limit: number, cursor: string | undefined) {
    const rows = await this.actionItems.list(filter, scopeOf(user), limit + 1, keysetCursor.parse(cursor));
    const page = rows.slice(0, limit);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'action_item', ground: 'other_agency', list: true }, page.map(itemRead));
    return { items: page.map(actionItemView), nextCursor: nextKeyset(rows, limit) };
  }

  /** The coordination team and leadership read every agency's items: a read of another agency's is audited. */
  async get(user: AuthUser, id: string) {
    const item = await this.findFor(user, id);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'action_item', ground: 'other_agency' }, [itemRead(item)]);
    return actionItemView(item);
  }

  /** Closing goes through the item's workflow (which also stops its clock); closing twice is 409. */
  async close(user: AuthUser, id: string, note: string, key: string | undefined) {
    const item = await this.findFor(user, id);
    const hash = IdempotencyService.requestHash(`POST /action-items/${id}/close`, { note });
    return this.idempotency.viaUpdate(user.userId, key, hash, async (updateId) => {
      if (key === undefined && nextActionItemStatus(item.status, 'CLOSE') === null) throw this.closed(id, item.status);
      try {
        await this.temporal.executeUpdate(item.workflowId, closeActionItemUpdate, { actor: actorOf(user), note }, updateId);
      } catch (error) {
        if (!(error instanceof WorkflowRejection)) throw error;
        const current = assertDefined(await this.actionItems.findById(id), `action item ${id}`);
        throw failureProblem(error, {
          id,
          conflict: () => this.closed(id, current.status),
          // A closed item's workflow has ended; an open one's starts with the transaction that created the item.
          finished: current.status === 'CLOSED',
          starting: () => new ApiError('Unavailable', M.meetingRegistering, { id }, { headers: { 'retry-after': '2' } }),
        });
      }
      return { status: 200, body: actionItemView(assertDefined(await this.actionItems.findById(id), `action item ${id}`)) };
    });
  }

  private closed(id: string, status: string): ApiError {
    return new ApiError('Conflict', M.actionItemClosed, { id }, { body: { currentStatus: status } });
  }

  /** Organizers and agents reach their agency's items; the coordination team and leadership every agency's. */
  private async findFor(user: AuthUser, id: string): Promise<ActionItemRecord> {
    const item = await this.actionItems.findVisible(id, scopeOf(user));
    if (item) return item;
    const refused = { entityType: 'action_item', entityId: id, reason: 'agency', exists: await this.actionItems.exists(id) };
    throw await this.access.hidden(user, refused, M.actionItemNotFound);
  }
}
