import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { ActionItemStart, MeetingActor } from '../contracts/meetings';
import { actionItemWorkflowId } from '../contracts/workflows';
import { updateReturning } from '../db/update-returning';
import type { NotificationStore } from '../notifications/notification-store';
import { ActionItemAction, ActionItemSource, ActionItemStatus, nextActionItemStatus } from './meeting-rules';

export interface ActionItemRecord {
  id: string; meetingId: string | null; source: ActionItemSource; conference: string | null; owner: string;
  description: string; dueAt: Date; status: ActionItemStatus; closedNote: string | null; closedBy: string | null;
  closedAt: Date | null; owningAgency: string; createdBy: string; workflowId: string; createdAt: Date; updatedAt: Date;
}

export interface NewActionItem { id: string; description: string; owner: string; dueAt: string }
export interface ActionItemOrigin {
  source: ActionItemSource; meetingId?: string; conference?: string; owningAgency: string; createdBy: MeetingActor;
}
export interface ActionItemFilter { status?: ActionItemStatus; owner?: string; meetingId?: string }

export class InvalidActionItemTransition extends Error {
  constructor(readonly current: ActionItemStatus, action: ActionItemAction) {
    super(`cannot ${action === 'CLOSE' ? 'close' : 'mark overdue'} an action item that is ${current}`);
  }
}

type Row = Record<string, any>;
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));
const toRecord = (r: Row): ActionItemRecord => ({
  id: r.id, meetingId: r.meeting_id, source: r.source, conference: r.conference, owner: r.owner, description: r.description,
  dueAt: new Date(r.due_at), status: r.status, closedNote: r.closed_note, closedBy: r.closed_by, closedAt: date(r.closed_at),
  owningAgency: r.owning_agency, createdBy: r.created_by, workflowId: r.workflow_id, createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const ACTION_VERB: Record<ActionItemAction, string> = { EXPIRE: 'action_item.overdue', CLOSE: 'action_item.closed' };

/** Action items from meeting outcomes and conferences: OPEN -> OVERDUE on a durable timer -> CLOSED with a note. */
export class ActionItemService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationStore,
    private readonly audit: AuditStore,
  ) {}

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
      const inserted: Row[] = await tx.query(
        `INSERT INTO action_items (id, meeting_id, source, conference, owner, description, due_at, status, owning_agency,
           created_by, workflow_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $9, $10, $11, $11)
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        [item.id, origin.meetingId ?? null, origin.source, origin.conference ?? null, item.owner, item.description,
          new Date(item.dueAt), origin.owningAgency, origin.createdBy.userId, actionItemWorkflowId(item.id), at],
      );
      created.push(...inserted.map(toRecord));
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
      const rows: Row[] = await tx.query('SELECT * FROM action_items WHERE id = $1 FOR UPDATE', [id]);
      if (rows.length === 0) throw new Error(`action item ${id} not found`);
      const current = toRecord(rows[0]);
      const next = nextActionItemStatus(current.status, action);
      if (next === null) {
        if (action === 'CLOSE' && current.closedAt?.getTime() === at.getTime()) return current;
        throw new InvalidActionItemTransition(current.status, action);
      }
      const updated = await updateReturning<Row>(tx,
        action === 'CLOSE'
          ? `UPDATE action_items SET status = 'CLOSED', closed_note = $2, closed_by = $3, closed_at = $4, updated_at = $4 WHERE id = $1 RETURNING *`
          : `UPDATE action_items SET status = 'OVERDUE', updated_at = $2 WHERE id = $1 RETURNING *`,
        action === 'CLOSE' ? [id, note ?? '', actor?.username ?? 'system', at] : [id, at],
      );
      const record = toRecord(updated[0]);
      await this.announce(tx, record, ACTION_VERB[action], actor, {
        from: current.status, to: next, ...(note ? { note } : {}), ...(action === 'EXPIRE' ? { dueAt: current.dueAt.toISOString() } : {}),
      });
      return record;
    });
  }

  async findById(id: string): Promise<ActionItemRecord | null> {
    const rows: Row[] = await this.dataSource.query('SELECT * FROM action_items WHERE id = $1', [id]);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  /** Authorisation in the query: `agency` null sees every agency's items. */
  async findVisible(id: string, agency: string | null): Promise<ActionItemRecord | null> {
    const rows: Row[] = await this.dataSource.query('SELECT * FROM action_items WHERE id = $1 AND ($2::text IS NULL OR owning_agency = $2)', [id, agency]);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.dataSource.query('SELECT 1 FROM action_items WHERE id = $1', [id])).length > 0;
  }

  async forMeeting(meetingId: string): Promise<ActionItemRecord[]> {
    const rows: Row[] = await this.dataSource.query('SELECT * FROM action_items WHERE meeting_id = $1 ORDER BY created_at, id', [meetingId]);
    return rows.map(toRecord);
  }

  /** Newest first, keyset pages; `agency` null lists every agency's items (coordination team, leadership). */
  async list(filter: ActionItemFilter, agency: string | null, limit: number, after?: { createdAt: Date; id: string }): Promise<ActionItemRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM action_items
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR owner = $2) AND ($3::text IS NULL OR owning_agency = $3)
         AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $6`,
      [filter.status ?? null, filter.owner ?? null, agency, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map(toRecord);
  }

  /** Audit entry, and a notification to the item's creator and every member of the meeting-coordination team. */
  private async announce(tx: EntityManager, item: ActionItemRecord, action: string, actor: MeetingActor | null, details: Record<string, unknown>): Promise<void> {
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

/** GET /action-items. */
export function actionItemView(a: ActionItemRecord) {
  return {
    id: a.id, meetingId: a.meetingId, source: a.source, conference: a.conference, owner: a.owner, description: a.description,
    dueAt: a.dueAt.toISOString(), status: a.status, closedNote: a.closedNote, closedBy: a.closedBy,
    closedAt: a.closedAt?.toISOString() ?? null, owningAgency: a.owningAgency, workflowId: a.workflowId,
    createdAt: a.createdAt.toISOString(),
  };
}
