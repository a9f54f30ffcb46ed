import type { DataSource, EntityManager } from 'typeorm';
import type { CaseFlags } from '../contracts/case-items';
import { queryOne } from '../db/sql';
import type { EditableCase } from './case-edit-rules';

export interface LockedEditable extends EditableCase { owningAgency: string; status: string }

/** The SQL of PATCH /cases/:id: the editable fields, the lead agent's candidates, and the update. */
export class CaseEditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The case's editable fields, locked for the rest of the transaction (edits of one case run one at a time). */
  async lockEditable(tx: EntityManager, caseId: string): Promise<LockedEditable | null> {
    const row = await queryOne<{
      title: string; summary: string | null; flags: CaseFlags; lead_agent_id: string; username: string | null;
      owning_agency: string; status: string;
    }>(tx,
      `SELECT c.title, c.summary, c.flags, c.lead_agent_id, u.username, c.owning_agency, c.status
       FROM cases c LEFT JOIN users u ON u.id = c.lead_agent_id WHERE c.id = $1 FOR UPDATE OF c`, [caseId]);
    if (!row) return null;
    return {
      title: row.title, summary: row.summary, flags: row.flags, owningAgency: row.owning_agency, status: row.status,
      leadAgent: { userId: row.lead_agent_id, username: row.username ?? 'unknown' },
    };
  }

  async update(tx: EntityManager, caseId: string, next: EditableCase, at: Date): Promise<void> {
    await tx.query(
      'UPDATE cases SET title = $2, summary = $3, flags = $4::jsonb, lead_agent_id = $5, updated_at = $6 WHERE id = $1',
      [caseId, next.title, next.summary, JSON.stringify(next.flags), next.leadAgent.userId, at],
    );
  }

  /** A case agent of the agency by username, or null: only they may lead its cases. */
  async findAgent(agency: string, username: string): Promise<{ userId: string; username: string } | null> {
    const row = await queryOne<{ id: string; username: string }>(this.dataSource,
      `SELECT id, username FROM users WHERE username = $1 AND agency_code = $2 AND 'CASE_AGENT' = ANY(roles)`,
      [username, agency]);
    return row ? { userId: row.id, username: row.username } : null;
  }
}
