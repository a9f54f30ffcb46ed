import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead, ReadRecord } from '../../../../libs/audit/read-audit';
import type { AuthUser } from '../../../../libs/auth/roles';
import type { AppConfig } from '../../../../libs/config/config';
import { ActionItemFailure, WorkflowFailure } from '../../../../libs/contracts/failures';
import { actionItemWorkflowId } from '../../../../libs/contracts/temporal';
import { ActionItemFilter, ActionItemRecord, ActionItemService } from '../../../../libs/meetings/action-item.service';
import { actionItemView } from '../../../../libs/meetings/meeting-views';
import { assertDefined } from '../../../../libs/db/sql';
import { nextActionItemStatus } from '../../../../libs/meetings/meeting-rules';
import { closeActionItemUpdate } from '../../../../workflows/action-item/messages';
import { ApiError, fieldError } from '../common/api-error';
import { keysetCursor } from '../common/cursor';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { M } from '../common/messages';
import { APP_CONFIG } from '../infra/tokens';
import { TemporalService, WorkflowRejection } from '../infra/temporal.service';
import type { CreateActionItemDto } from './dto/action-item.dto';
import { startActionItemWorkflows } from './meeting-workflows';
import { actorOf, scopeOf } from './meetings.service';

const itemRead = (item: ActionItemRecord): ReadRecord => ({ id: item.id, agencies: [item.owningAgency] });

@Injectable()
export class ActionItemsApi {
  constructor(
    private readonly actionItems: ActionItemService,
    private readonly audit: AuditStore,
    private readonly temporal: TemporalService,
    private readonly idempotency: IdempotencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const after = cursor === undefined ? undefined : keysetCursor.decode(cursor);
    if (after === null) throw fieldError('cursor', 'is not a cursor this API issued', 'no es un cursor emitido por esta API');
    const rows = await this.actionItems.list(filter, scopeOf(user), limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    await auditCrossAgencyRead(this.audit, user, { entityType: 'action_item', ground: 'other_agency', list: true }, page.map(itemRead));
    return { items: page.map(actionItemView), nextCursor: rows.length > limit ? keysetCursor.encode({ createdAt: last.createdAt, id: last.id }) : null };
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
        if (error.type === ActionItemFailure.InvalidTransition || current.status === 'CLOSED') throw this.closed(id, current.status);
        if (error.type === WorkflowFailure.NotFound) {
          throw new ApiError('Unavailable', M.meetingRegistering, { id }, { headers: { 'retry-after': '2' } });
        }
        throw error;
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
    if (!item) {
      if (await this.actionItems.exists(id)) {
        await this.audit.append({
          actor: user.username, agency: user.agency, action: 'access.denied', entityType: 'action_item', entityId: id,
          details: { reason: 'agency' },
        });
      }
      throw new ApiError('NotFound', M.actionItemNotFound, { id });
    }
    return item;
  }
}
