import type { DataSource, EntityManager } from 'typeorm';
import { assertDefined, query, queryOne } from '../db/sql';
import type { ActionItemSource, ActionItemStatus } from './meeting-rules';

export interface ActionItemRecord {
  id: string; meetingId: string | null; source: ActionItemSource; conference: string | null; owner: string;
  description: string; dueAt: Date; status: ActionItemStatus; closedNote: string | null; closedBy: string | null;
  closedAt: Date | null; owningAgency: string; createdBy: string; workflowId: string; createdAt: Date; updatedAt: Date;
}

interface ActionItemRow {
  id: string; meeting_id: string | null; source: ActionItemSource; conference: string | null; owner: string;
  description: string; due_at: Date; status: ActionItemStatus; closed_note: string | null; closed_by: string | null;
  closed_at: Date | null; owning_agency: string; created_by: string; workflow_id: string; created_at: Date; updated_at: Date;
}

const toRecord = (r: ActionItemRow): ActionItemRecord => ({
  id: r.id, meetingId: r.meeting_id, source: r.source, conference: r.conference, owner: r.owner, description: r.description,
  dueAt: r.due_at, status: r.status, closedNote: r.closed_note, closedBy: r.closed_by, closedAt: r.closed_at,
  owningAgency: r.owning_agency, createdBy: r.created_by, workflowId: r.workflow_id, createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface ActionItemInsert {
  id: string; meetingId: string | null; source: ActionItemSource; conference: string | null; owner: string;
  description: string; dueAt: Date; owningAgency: string; createdBy: string; workflowId: string;
}
export interface ActionItemFilter { status?: ActionItemStatus; owner?: string; meetingId?: string }

/** The action_items table: SQL only. Authorisation is in the queries (`agency` null reaches every agency's items). */
export class ActionItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The item, or undefined when its id is already there (a retried insert). */
  async insert(tx: EntityManager, item: ActionItemInsert, at: Date): Promise<ActionItemRecord | undefined> {
    const row = await queryOne<ActionItemRow>(tx,
      `INSERT INTO action_items (id, meeting_id, source, conference, owner, description, due_at, status, owning_agency,
         created_by, workflow_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $9, $10, $11, $11)
       ON CONFLICT (id) DO NOTHING RETURNING *`,
      [item.id, item.meetingId, item.source, item.conference, item.owner, item.description, item.dueAt, item.owningAgency,
        item.createdBy, item.workflowId, at],
    );
    return row ? toRecord(row) : undefined;
  }

  /** The item, locked for the rest of the transaction. */
  async lock(tx: EntityManager, id: string): Promise<ActionItemRecord> {
    const row = await queryOne<ActionItemRow>(tx, 'SELECT * FROM action_items WHERE id = $1 FOR UPDATE', [id]);
    if (!row) throw new Error(`action item ${id} not found`);
    return toRecord(row);
  }

  async close(tx: EntityManager, id: string, note: string, by: string, at: Date): Promise<ActionItemRecord> {
    const row = await queryOne<ActionItemRow>(tx,
      `UPDATE action_items SET status = 'CLOSED', closed_note = $2, closed_by = $3, closed_at = $4, updated_at = $4 WHERE id = $1 RETURNING *`,
      [id, note, by, at]);
    return toRecord(assertDefined(row, `action item ${id}`));
  }

  async markOverdue(tx: EntityManager, id: string, at: Date): Promise<ActionItemRecord> {
    const row = await queryOne<ActionItemRow>(tx, `UPDATE action_items SET status = 'OVERDUE', updated_at = $2 WHERE id = $1 RETURNING *`, [id, at]);
    return toRecord(assertDefined(row, `action item ${id}`));
  }

  async findById(id: string): Promise<ActionItemRecord | null> {
    return this.findVisible(id, null);
  }

  async findVisible(id: string, agency: string | null): Promise<ActionItemRecord | null> {
    const row = await queryOne<ActionItemRow>(this.dataSource,
      'SELECT * FROM action_items WHERE id = $1 AND ($2::text IS NULL OR owning_agency = $2)', [id, agency]);
    return row ? toRecord(row) : null;
  }

  async exists(id: string): Promise<boolean> {
    return (await queryOne(this.dataSource, 'SELECT 1 FROM action_items WHERE id = $1', [id])) !== undefined;
  }

  async forMeeting(meetingId: string): Promise<ActionItemRecord[]> {
    const rows = await query<ActionItemRow>(this.dataSource, 'SELECT * FROM action_items WHERE meeting_id = $1 ORDER BY created_at, id', [meetingId]);
    return rows.map(toRecord);
  }

  /** Newest first, keyset pages. */
  async list(filter: ActionItemFilter, agency: string | null, limit: number, after?: { createdAt: Date; id: string }): Promise<ActionItemRecord[]> {
    const rows = await query<ActionItemRow>(this.dataSource,
      `SELECT * FROM action_items
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR owner = $2) AND ($3::text IS NULL OR owning_agency = $3)
         AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $6`,
      [filter.status ?? null, filter.owner ?? null, agency, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map(toRecord);
  }
}
