import { DataSource } from 'typeorm';
import { AuditStore } from './audit-store';
import { AuditRepository } from './audit.repository';

export interface PurgeResult { entries: number; throughSeq: string | null; retentionDays: number }

/**
 * Deletes the audit entries older than `retentionMs` through `purge_audit_log` (the only way to delete any: see
 * migration AccountProtection). The database refuses a retention shorter than its floor (365 days unless the
 * database owner lowers `audit_retention_policy`), removes only the oldest unbroken run of old entries and anchors
 * the chain on the last one removed. The purge is itself an audit entry, in the same transaction.
 */
export async function purgeAuditLog(dataSource: DataSource, retentionMs: number, actor: string): Promise<PurgeResult> {
  const audit = new AuditStore(dataSource);
  return dataSource.transaction(async (tx) => {
    const purged = await new AuditRepository().purgeOlderThan(tx, retentionMs / 1000);
    const result = { ...purged, retentionDays: retentionMs / 86_400_000 };
    if (result.entries > 0) {
      await audit.append({
        actor, agency: null, action: 'audit.purged', entityType: 'audit', entityId: null,
        details: { entries: result.entries, throughSeq: result.throughSeq, retentionDays: result.retentionDays },
      }, tx);
    }
    return result;
  });
}
