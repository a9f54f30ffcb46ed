import type { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { ActionItemStart, MeetingActor } from '../contracts/meetings';
import { actionItemWorkflowId } from '../contracts/workflows';
import type { NotificationStore } from '../notifications/notification-store';
import { ActionItemFilter, ActionItemRecord, ActionItemRepository } from './action-item.repository';
import { ActionItemAction, ActionItemSource, ActionItemStatus, nextActionItemStatus } from './meeting-rules';
import { actionItemView } from './meeting-views';

export type { ActionItemFilter, ActionItemRecord } from './action-item.repository';

export interface NewActionItem { id: string; description: string; owner: string; dueAt: string }
export interface ActionItemOrigin {
  source: ActionItemSource; meetingId?: string; conference?: string; owningAgency: string; createdBy: MeetingActor;
}

export class InvalidActionItemTransition extends Error {
  constructor(readonly current: ActionItemStatus, action: ActionItemAction) {
    super(`cannot ${action === 'CLOSE' ? 'close' : 'mark overdue'} an action item that is ${current}`);
  }
}

const ACTION_VERB: Record<ActionItemAction, string> = { EXPIRE: 'action_item.overdue', CLOSE: 'action_item.closed' };

/** Action items from meeting outcomes and conferences: OPEN -> OVERDUE on a durable timer -> CLOSED with a note. */
export class ActionItemService {
  private readonly items: ActionItemRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationStore,
    private readonly audit: AuditStore,
  ) {
    this.items = new ActionItemRepository(dataSource);
  }

  /**
   * Inserts the items (ids fixed by the caller, so a retry inserts none twice), announcing each new one, and answers
   * what their workflows need, for every item asked for (new or already there). `started` runs between the inserts
   * and the announcements (the API starts a conference item's workflow there).
   */
  async insert(
    tx: EntityManager, items: NewActionItem[], origin: ActionItemOrigin, at: Date,
    started: (starts: ActionItemStart[]) => Promise<void> = async () => undefined,
  ): Promise<ActionItemStart[]> {
    const created: ActionItemRecord[] = [];
    for (const item of items) {
      const inserted = await this.items.insert(tx, {
        id: item.id, meetingId: origin.meetingId ?? null, source: origin.source, conference: origin.conference ?? null,
        owner: item.owner, description: item.description, dueAt: new Date(item.dueAt), owningAgency: origin.owningAgency,
        createdBy: origin.createdBy.userId, workflowId: actionItemWorkflowId(item.id),
      }, at);
      if (inserted) created.push(inserted);
    }
    const starts = items.map((item) => ({ actionItemId: item.id, workflowId: actionItemWorkflowId(item.id), dueAt: new Date(item.dueAt).toISOString() }));
    // Started before the audit entries so the audit chain's lock is not held across a call to Temporal.
    await started(starts);
    for (const item of created) {
      await this.announce(tx, item, 'action_item.created', origin.createdBy, {
        source: item.source, owner: item.owner, dueAt: item.dueAt.toISOString(),
        ...(item.meetingId ? { meetingId: item.meetingId } : { conference: item.conference }),
      });
    }
    return starts;
  }

  /**
   * OVERDUE (timer) or CLOSED (with a note). A retried activity whose change already landed gets the item as it
   * stands; any other refused step is an InvalidActionItemTransition.
   */
  async transition(id: string, action: ActionItemAction, actor: MeetingActor | null, at: Date, note?: string): Promise<ActionItemRecord> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.items.lock(tx, id);
      const next = nextActionItemStatus(current.status, action);
      if (next === null) {
        if (action === 'CLOSE' && current.closedAt?.getTime() === at.getTime()) return current;
        throw new InvalidActionItemTransition(current.status, action);
      }
      const record = action === 'CLOSE'
        ? await this.items.close(tx, id, note ?? '', actor?.username ?? 'system', at)
        : await this.items.markOverdue(tx, id, at);
      await this.announce(tx, record, ACTION_VERB[action], actor, {
        from: current.status, to: next, ...(note ? { note } : {}), ...(action === 'EXPIRE' ? { dueAt: current.dueAt.toISOString() } : {}),
      });
      return record;
    });
  }

  findById(id: string): Promise<ActionItemRecord | null> {
    return this.items.findById(id);
  }

  /** Authorisation in the query: `agency` null sees every agency's items. */
  findVisible(id: string, agency: string | null): Promise<ActionItemRecord | null> {
    return this.items.findVisible(id, agency);
  }

  exists(id: string): Promise<boolean> {
    return this.items.exists(id);
  }

  forMeeting(meetingId: string): Promise<ActionItemRecord[]> {
    return this.items.forMeeting(meetingId);
  }

  /** Newest first, keyset pages; `agency` null lists every agency's items (coordination team, leadership). */
  list(filter: ActionItemFilter, agency: string | null, limit: number, after?: { createdAt: Date; id: string }): Promise<ActionItemRecord[]> {
    return this.items.list(filter, agency, limit, after);
  }

  /** Audit entry, and a notification to the item's creator and every member of the meeting-coordination team. */
  private async announce(
    tx: EntityManager, item: ActionItemRecord, action: string, actor: MeetingActor | null, details: Record<string, unknown>,
  ): Promise<void> {
    const dedupKey = `${action}:${item.id}`;
    await this.audit.append({
      actor: actor?.username ?? 'system', agency: actor?.agency ?? null, action, entityType: 'action_item', entityId: item.id,
      details, dedupKey,
    }, tx);
    const recipients = new Set([item.createdBy, ...(await this.notifications.usersWithRole(tx, 'MEETING_COORDINATION'))]);
    await this.notifications.push(tx, [...recipients].map((userId) => ({
      userId, kind: action, entityType: 'action_item', entityId: item.id, payload: { actionItem: actionItemView(item) }, dedupKey,
    })));
  }
}
