import { DataSource, EntityManager } from 'typeorm';
import { AuditFields, checkLink, GENESIS_HASH, payloadBeforePrevHash, StoredAuditEntry } from './audit-chain';
import { AuditQuery, AuditRepository, NewAuditRow, RowAuditEntry } from './audit.repository';

export { AUDIT_CHAIN_LOCK } from './audit.repository';
export type { AuditQuery, NewAuditRow, RowAuditEntry } from './audit.repository';

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

export interface VerifyResult {
  ok: boolean;
  entries: number;
  firstBadEntry?: { seq: string; at: string; action: string; reason: string };
  /** Set once `purge_audit_log` has removed the oldest entries: the chain is verified from the last one removed. */
  purgedThrough?: { seq: string; at: string; hash: string; purgedAt: string };
}

/**
 * The audit context's use cases: append to the hash chain (in the caller's transaction), read it, verify it. The name
 * predates the repository split and is kept: every context appends through it. The SQL is AuditRepository's.
 */
export class AuditStore {
  private readonly entries = new AuditRepository();

  constructor(private readonly dataSource: DataSource) {}

  /** Appends inside the caller's transaction (so the entry commits with the change it records), or in its own. */
  async append(input: AuditInput, manager?: EntityManager): Promise<void> {
    if (!manager) {
      await this.dataSource.transaction((tx) => this.append(input, tx));
      return;
    }
    await this.entries.append(manager, this.entry(input));
  }

  /**
   * The entry as `audit_append` takes it, for a call that appends it itself (keep_check): its time is now,
   * its hash the database's to compute under the chain lock, as append's.
   */
  entry(input: AuditInput): NewAuditRow {
    const { dedupKey, ...row } = this.rowEntry(input, new Date());
    const fields: AuditFields = { ...row, agency: input.agency };
    return { ...fields, payloadBeforePrevHash: payloadBeforePrevHash(fields), dedupKey };
  }

  /**
   * An entry whose agency the statement appending it reads from the row it changes (auditAppendOfRowCall): its time
   * is `at`, the change's own.
   */
  rowEntry(input: Omit<AuditInput, 'agency'>, at: Date): RowAuditEntry {
    return {
      at, actor: input.actor, action: input.action, entityType: input.entityType, entityId: input.entityId ?? null,
      details: JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>, dedupKey: input.dedupKey ?? null,
    };
  }

  async list(query: AuditQuery): Promise<StoredAuditEntry[]> {
    return this.entries.list(this.dataSource, query);
  }

  /**
   * Walks the whole chain in order, in pages, and names the first entry that does not hold. One snapshot throughout,
   * so a purge running meanwhile cannot make the walk see a gap. After a purge the walk starts at its anchor.
   */
  async verify(pageSize = 5000): Promise<VerifyResult> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const anchor = await this.entries.latestAnchor(tx);
      const purgedThrough = anchor && {
        seq: anchor.throughSeq, at: anchor.throughAt.toISOString(), hash: anchor.throughHash, purgedAt: anchor.purgedAt.toISOString(),
      };
      let expectedPrev = anchor?.throughHash ?? GENESIS_HASH;
      let afterSeq = anchor ? anchor.throughSeq : '0';
      let entries = 0;
      for (;;) {
        const page = await this.entries.page(tx, afterSeq, pageSize);
        for (const entry of page) {
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
        if (page.length < pageSize) return { ok: true, entries, ...(purgedThrough ? { purgedThrough } : {}) };
      }
    });
  }
}
