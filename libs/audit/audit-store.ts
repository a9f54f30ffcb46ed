import { DataSource, EntityManager } from 'typeorm';
import { AuditFields, checkLink, entryHash, GENESIS_HASH, StoredAuditEntry } from './audit-chain';

/** Every appender takes this transaction-scoped lock, so entries join the chain one at a time and in order. */
export const AUDIT_CHAIN_LOCK = 7_240_001;

export interface AuditInput {
  actor: string;
  agency: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
  /** Set by retried writers (activities): a second append with the same key is a no-op. */
  dedupKey?: string;
}

export interface AuditQuery {
  entityId?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  afterSeq?: string;
  limit: number;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  firstBadEntry?: { seq: string; at: string; action: string; reason: string };
  /** Set once `purge_audit_log` has removed the oldest entries: the chain is verified from the last one removed. */
  purgedThrough?: { seq: string; at: string; hash: string; purgedAt: string };
}

interface AnchorRow { through_seq: string; through_hash: string; through_at: Date; purged_at: Date }

/** The head of the chain: the newest entry's hash, else the anchor left by a purge that removed every entry. */
const HEAD_HASH_SQL = `SELECT coalesce(
  (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
  (SELECT through_hash FROM audit_chain_anchors ORDER BY id DESC LIMIT 1)) AS hash`;

interface AuditRow {
  seq: string; at: Date; actor: string; agency: string | null; action: string; entity_type: string;
  entity_id: string | null; details: Record<string, unknown>; prev_hash: string; hash: string;
}

const toEntry = (row: AuditRow): StoredAuditEntry => ({
  seq: String(row.seq), at: row.at, actor: row.actor, agency: row.agency, action: row.action,
  entityType: row.entity_type, entityId: row.entity_id, details: row.details, prevHash: row.prev_hash, hash: row.hash,
});

export class AuditStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends inside the caller's transaction (so the entry commits with the change it records), or in its own. */
  async append(input: AuditInput, manager?: EntityManager): Promise<void> {
    if (!manager) {
      await this.dataSource.transaction((tx) => this.append(input, tx));
      return;
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    if (input.dedupKey) {
      const seen = await manager.query('SELECT 1 FROM audit_log WHERE dedup_key = $1', [input.dedupKey]);
      if (seen.length > 0) return;
    }
    const head: { hash: string | null }[] = await manager.query(HEAD_HASH_SQL);
    const prevHash = head[0]?.hash ?? GENESIS_HASH;
    const fields: AuditFields = {
      at: new Date(),
      actor: input.actor,
      agency: input.agency,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      details: JSON.parse(JSON.stringify(input.details ?? {})),
    };
    await manager.query(
      `INSERT INTO audit_log (at, actor, agency, action, entity_type, entity_id, details, prev_hash, hash, dedup_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [fields.at, fields.actor, fields.agency, fields.action, fields.entityType, fields.entityId,
        JSON.stringify(fields.details), prevHash, entryHash(prevHash, fields), input.dedupKey ?? null],
    );
  }

  async list(query: AuditQuery): Promise<StoredAuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => { params.push(value); where.push(sql.replace('?', `$${params.length}`)); };
    if (query.entityId) add('entity_id = ?', query.entityId);
    if (query.actor) add('actor = ?', query.actor);
    if (query.from) add('at >= ?', query.from);
    if (query.to) add('at <= ?', query.to);
    if (query.afterSeq) add('seq > ?', query.afterSeq);
    params.push(query.limit);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT $${params.length}`,
      params,
    );
    return rows.map(toEntry);
  }

  /**
   * Walks the whole chain in order, in pages, and names the first entry that does not hold. One snapshot throughout,
   * so a purge running meanwhile cannot make the walk see a gap. After a purge the walk starts at its anchor.
   */
  async verify(pageSize = 5000): Promise<VerifyResult> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const anchors: AnchorRow[] = await tx.query(
        'SELECT through_seq, through_hash, through_at, purged_at FROM audit_chain_anchors ORDER BY id DESC LIMIT 1',
      );
      const anchor = anchors[0];
      const purgedThrough = anchor && {
        seq: String(anchor.through_seq), at: anchor.through_at.toISOString(), hash: anchor.through_hash,
        purgedAt: anchor.purged_at.toISOString(),
      };
      let expectedPrev = anchor?.through_hash ?? GENESIS_HASH;
      let afterSeq = anchor ? String(anchor.through_seq) : '0';
      let entries = 0;
      for (;;) {
        const rows: AuditRow[] = await tx.query(
          'SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, pageSize],
        );
        for (const row of rows) {
          const entry = toEntry(row);
          const check = checkLink(entry, expectedPrev);
          if (!check.ok) {
            return {
              ok: false, entries, ...(purgedThrough ? { purgedThrough } : {}),
              firstBadEntry: { seq: entry.seq, at: entry.at.toISOString(), action: entry.action, reason: check.reason },
            };
          }
          entries += 1;
          expectedPrev = entry.hash;
          afterSeq = entry.seq;
        }
        if (rows.length < pageSize) return { ok: true, entries, ...(purgedThrough ? { purgedThrough } : {}) };
      }
    });
  }
}
