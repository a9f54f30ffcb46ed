import type { EntityManager } from 'typeorm';
import { query, queryOne } from '../db/sql';
import type { HitStatus } from '../contracts/hits';
import type { ClaimState } from './hit-claim-rules';

/** A claim change that took effect: who held the hit before it (null: no one). */
export interface ClaimChange { previousHolderId: string | null }

/**
 * The claim columns of deconfliction_hits. Every change is one conditional UPDATE, so of two coordinators claiming at
 * once the second finds the row already held (its UPDATE waits on the first's row lock, then re-checks the condition)
 * and changes nothing. The previous holder comes from the row as the statement found it (the self-join's snapshot).
 */
export class HitClaimRepository {
  async claim(tx: EntityManager, hitId: string, userId: string, at: Date): Promise<ClaimChange | null> {
    return this.change(tx,
      'claimed_by = $2, claimed_at = CASE WHEN h.claimed_by = $2 THEN h.claimed_at ELSE $3 END',
      `h.status <> 'RESOLVED' AND (h.claimed_by IS NULL OR h.claimed_by = $2)`,
      [hitId, userId, at]);
  }

  async release(tx: EntityManager, hitId: string, userId: string, supervisor: boolean): Promise<ClaimChange | null> {
    return this.change(tx,
      'claimed_by = NULL, claimed_at = NULL',
      'h.claimed_by IS NOT NULL AND (h.claimed_by = $2 OR $3::boolean)',
      [hitId, userId, supervisor]);
  }

  async assign(tx: EntityManager, hitId: string, toUserId: string, byUserId: string, supervisor: boolean, at: Date): Promise<ClaimChange | null> {
    return this.change(tx,
      'claimed_by = $2, claimed_at = CASE WHEN h.claimed_by = $2 THEN h.claimed_at ELSE $5 END',
      `h.status <> 'RESOLVED' AND (h.claimed_by = $3 OR $4::boolean)`,
      [hitId, toUserId, byUserId, supervisor, at]);
  }

  /** The state a refused change is explained from; null when the hit does not exist. */
  async state(tx: EntityManager, hitId: string): Promise<ClaimState | null> {
    const row = await queryOne<{ status: HitStatus; claimed_by: string | null }>(tx,
      'SELECT status, claimed_by FROM deconfliction_hits WHERE id = $1', [hitId]);
    return row ? { status: row.status, holderId: row.claimed_by } : null;
  }

  /** A coordinator a hit may be handed to, by username: their id and name, or null. */
  async coordinator(tx: EntityManager, username: string): Promise<{ id: string; username: string } | null> {
    const row = await queryOne<{ id: string; username: string }>(tx,
      `SELECT id, username FROM users WHERE username = $1 AND 'DECONFLICTION_COORDINATOR' = ANY(roles)`, [username]);
    return row ?? null;
  }

  /** `$1` is always the hit's id; `condition` is what the row must satisfy for the change to take effect. */
  private async change(tx: EntityManager, set: string, condition: string, params: unknown[]): Promise<ClaimChange | null> {
    const rows = await query<{ previous: string | null }>(tx,
      `UPDATE deconfliction_hits h SET ${set} FROM deconfliction_hits old
       WHERE h.id = $1 AND old.id = h.id AND ${condition} RETURNING old.claimed_by AS previous`, params);
    return rows.length > 0 ? { previousHolderId: rows[0].previous } : null;
  }
}
