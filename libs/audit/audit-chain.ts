import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  at: Date;
  actor: string;
  agency: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

/**
 * JSON with object keys sorted at every depth, so the same entry always hashes the same after a jsonb round trip. Its
 * SQL twin, canonical_json (migration PatternAlertsInKeepCheck), must write the same: a change here changes both
 * (test/services/audit-canonical.service.spec.ts compares them).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What an entry's hash is taken over: its fields and the previous entry's hash, as canonical JSON. */
function entryPayload(prevHash: string, entry: AuditFields): string {
  return canonicalJson({
    prevHash,
    at: entry.at.toISOString(),
    actor: entry.actor,
    agency: entry.agency,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    details: entry.details,
  });
}

export function entryHash(prevHash: string, entry: AuditFields): string {
  return createHash('sha256').update(entryPayload(prevHash, entry)).digest('hex');
}

/**
 * The payload up to the previous entry's hash, which is its last key (sorted keys). The appender in SQL
 * (`audit_append`) adds the head's hash and `"}` under the chain lock and hashes that: the same hash as entryHash.
 */
export function payloadBeforePrevHash(entry: AuditFields): string {
  const whole = entryPayload(GENESIS_HASH, entry);
  const tail = `${GENESIS_HASH}"}`;
  if (!whole.endsWith(`"prevHash":"${tail}`)) throw new Error('the previous hash must be the last key of an audit payload');
  return whole.slice(0, -tail.length);
}

export interface StoredAuditEntry extends AuditFields { seq: string; prevHash: string; hash: string }

export type ChainCheck = { ok: true } | { ok: false; reason: string };

/** Checks one link: the entry must point at its predecessor and its own hash must match its content. */
export function checkLink(entry: StoredAuditEntry, expectedPrevHash: string): ChainCheck {
  if (entry.prevHash !== expectedPrevHash) return { ok: false, reason: 'prevHash does not match the previous entry' };
  if (entryHash(entry.prevHash, entry) !== entry.hash) return { ok: false, reason: 'content does not match its hash' };
  return { ok: true };
}
