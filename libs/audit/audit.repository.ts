import type { EntityManager } from 'typeorm';
import { assertDefined, Db, query, queryOne } from '../db/sql';
import type { StoredAuditEntry } from './audit-chain';

/** Every appender takes this transaction-scoped lock, so entries join the chain one at a time and in order. */
export const AUDIT_CHAIN_LOCK = 7_240_001;

export interface AuditQuery {
  entityId?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  afterSeq?: string;
  limit: number;
}

/** The anchor a purge leaves: the last entry it removed. */
export interface ChainAnchor { throughSeq: string; throughHash: string; throughAt: Date; purgedAt: Date }

/** An entry to append: the chain's head and the hash are the database's to fill in, under the chain lock. */
export interface NewAuditRow {
  at: Date; actor: string; agency: string | null; action: string; entityType: string; entityId: string | null;
  details: Record<string, unknown>; payloadBeforePrevHash: string; dedupKey: string | null;
}

interface AuditRow {
  seq: string; at: Date; actor: string; agency: string | null; action: string; entity_type: string;
  entity_id: string | null; details: Record<string, unknown>; prev_hash: string; hash: string;
}
interface AnchorRow { through_seq: string; through_hash: string; through_at: Date; purged_at: Date }

const toEntry = (row: AuditRow): StoredAuditEntry => ({
  seq: String(row.seq), at: row.at, actor: row.actor, agency: row.agency, action: row.action,
  entityType: row.entity_type, entityId: row.entity_id, details: row.details, prevHash: row.prev_hash, hash: row.hash,
});

/**
 * The `audit_append` call for an entry, its parameters numbered from `$first` (append's; keep_check passes the same
 * fields for a check's entry, and builds its pattern alerts' payloads itself with audit_payload_before_prev_hash).
 */
export function auditAppendCall(e: NewAuditRow, first: number): { sql: string; params: unknown[] } {
  const params = [e.at, e.actor, e.agency, e.action, e.entityType, e.entityId, JSON.stringify(e.details), e.payloadBeforePrevHash, e.dedupKey];
  return { sql: `audit_append(${params.map((_, i) => `$${first + i}`).join(', ')})`, params };
}

/** An entry whose agency is read by the very statement that appends it: a column of the row whose change it records. */
export type RowAuditEntry = Omit<NewAuditRow, 'agency' | 'payloadBeforePrevHash'>;

/**
 * The `audit_append` call for an entry whose agency is `agencySql`, a column of the row the same statement changed, its
 * parameters numbered from `$first`. The payload its hash is taken over is built in SQL (audit_payload_before_prev_hash,
 * written as Node's payloadBeforePrevHash writes it: audit-canonical.service.spec.ts), so a change and its entry are one
 * statement: one round trip, committed together without a BEGIN and a COMMIT of their own. Its details hold strings,
 * booleans, nulls and integers only: canonical_json refuses any other number (PostgreSQL and JavaScript write 1.50
 * differently), and with it the change.
 *
 * Such a statement commits once PostgreSQL has it, whether or not its client is still there: a worker killed while
 * it waits on a lock leaves a change that lands when the lock is granted, as one killed just after a commit does. The
 * step is idempotent, so its retry finds it done (test/faults/worker.spec.ts).
 */
export function auditAppendOfRowCall(e: RowAuditEntry, agencySql: string, first: number): { sql: string; params: unknown[] } {
  const params = [e.at, e.actor, e.action, e.entityType, e.entityId, JSON.stringify(e.details), e.dedupKey];
  const [at, actor, action, entityType, entityId, details, dedupKey] = params.map((_, i) => `$${first + i}`);
  const fields = `${at}::timestamptz, ${actor}::text, ${agencySql}, ${action}::text, ${entityType}::text, ${entityId}::text, ${details}::jsonb`;
  return { sql: `audit_append(${fields}, audit_payload_before_prev_hash(${fields}), ${dedupKey}::text)`, params };
}

/** The audit_log and audit_chain_anchors tables: SQL only, the chain's hashing and checks are AuditStore's. */
export class AuditRepository {
  /**
   * Appends under the chain lock in one round trip (`audit_append`, migration AuditAppendInOneStatement): the function
   * takes the lock, reads the head and inserts, each statement with a snapshot taken after the lock was granted.
   * False when `dedupKey` was appended before.
   */
  async append(tx: EntityManager, e: NewAuditRow): Promise<boolean> {
    const call = auditAppendCall(e, 1);
    const row = await queryOne<{ appended: boolean }>(tx, `SELECT ${call.sql} AS appended`, call.params);
    return assertDefined(row, 'audit_append').appended;
  }

  async list(db: Db, filter: AuditQuery): Promise<StoredAuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => { params.push(value); where.push(sql.replace('?', `$${params.length}`)); };
    if (filter.entityId) add('entity_id = ?', filter.entityId);
    if (filter.actor) add('actor = ?', filter.actor);
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at <= ?', filter.to);
    if (filter.afterSeq) add('seq > ?', filter.afterSeq);
    params.push(filter.limit);
    const rows = await query<AuditRow>(db,
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT $${params.length}`,
      params,
    );
    return rows.map(toEntry);
  }

  async latestAnchor(tx: EntityManager): Promise<ChainAnchor | undefined> {
    const row = await queryOne<AnchorRow>(tx,
      'SELECT through_seq, through_hash, through_at, purged_at FROM audit_chain_anchors ORDER BY id DESC LIMIT 1');
    return row && { throughSeq: String(row.through_seq), throughHash: row.through_hash, throughAt: row.through_at, purgedAt: row.purged_at };
  }

  /** One page of the chain in order, after `afterSeq`. */
  async page(tx: EntityManager, afterSeq: string, pageSize: number): Promise<StoredAuditEntry[]> {
    const rows = await query<AuditRow>(tx, 'SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, pageSize]);
    return rows.map(toEntry);
  }

  /** `purge_audit_log` (migration AccountProtection): the only way to delete entries. */
  async purgeOlderThan(tx: EntityManager, retentionSeconds: number): Promise<{ entries: number; throughSeq: string | null }> {
    const row = assertDefined(await queryOne<{ entries: string; through_seq: string | null }>(tx,
      'SELECT entries, through_seq FROM purge_audit_log(justify_hours(make_interval(secs => $1)))', [retentionSeconds]), 'purge_audit_log');
    return { entries: Number(row.entries), throughSeq: row.through_seq };
  }
}
