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

/** JSON with object keys sorted at every depth, so the same entry always hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, entry: AuditFields): string {
  const payload = canonicalJson({
    prevHash,
    at: entry.at.toISOString(),
    actor: entry.actor,
    agency: entry.agency,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    details: entry.details,
  });
  return createHash('sha256').update(payload).digest('hex');
}

export interface StoredAuditEntry extends AuditFields { seq: string; prevHash: string; hash: string }

export type ChainCheck = { ok: true } | { ok: false; reason: string };

/** Checks one link: the entry must point at its predecessor and its own hash must match its content. */
export function checkLink(entry: StoredAuditEntry, expectedPrevHash: string): ChainCheck {
  if (entry.prevHash !== expectedPrevHash) return { ok: false, reason: 'prevHash does not match the previous entry' };
  if (entryHash(entry.prevHash, entry) !== entry.hash) return { ok: false, reason: 'content does not match its hash' };
  return { ok: true };
}
