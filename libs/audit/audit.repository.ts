import type { EntityManager } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
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

export interface NewAuditRow {
  at: Date; actor: string; agency: string | null; action: string; entityType: string; entityId: string | null;
  details: Record<string, unknown>; prevHash: string; hash: string; dedupKey: string | null;
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

/** A pg client's answer to a simple-protocol message of several statements: one result per statement. */
interface PgClient { query: (text: string) => Promise<{ rows: { hash: string | null }[] }[]> }

/** The head of the chain: the newest entry's hash, else the anchor left by a purge that removed every entry. */
const HEAD_HASH_SQL = `SELECT coalesce(
  (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
  (SELECT through_hash FROM audit_chain_anchors ORDER BY id DESC LIMIT 1)) AS hash`;

/** The audit_log and audit_chain_anchors tables: SQL only, the chain's hashing and checks are AuditStore's. */
export class AuditRepository {
  async lockChain(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  }

  async hasDedupKey(tx: EntityManager, dedupKey: string): Promise<boolean> {
    return (await query<{ one: number }>(tx, 'SELECT 1 AS one FROM audit_log WHERE dedup_key = $1', [dedupKey])).length > 0;
  }

  /** The hash the next entry links to; null on an empty chain never purged. */
  async headHash(tx: EntityManager): Promise<string | null> {
    return (await queryOne<{ hash: string | null }>(tx, HEAD_HASH_SQL))?.hash ?? null;
  }

  /**
   * lockChain then headHash in one round trip (every audited request pays it): two statements in one simple-protocol
   * message. Each statement of a message takes its own snapshot under READ COMMITTED, so the head is read after the lock
   * is granted and sees the entry of the appender that held it before; a single statement could not (its snapshot would
   * predate the wait). The simple protocol takes no parameters: the lock key is a constant.
   */
  async lockChainAndReadHead(tx: EntityManager): Promise<string | null> {
    // TypeORM answers a message of two statements with nothing: its connection answers one result per statement.
    const client = await (tx.queryRunner as PostgresQueryRunner | undefined)?.connect() as PgClient | undefined;
    if (!client) {
      await this.lockChain(tx);
      return this.headHash(tx);
    }
    const results = await client.query(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}); ${HEAD_HASH_SQL}`);
    return assertDefined(results[1]?.rows[0], 'chain head').hash;
  }

  async insert(tx: EntityManager, e: NewAuditRow): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (at, actor, agency, action, entity_type, entity_id, details, prev_hash, hash, dedup_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [e.at, e.actor, e.agency, e.action, e.entityType, e.entityId, JSON.stringify(e.details), e.prevHash, e.hash, e.dedupKey],
    );
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
