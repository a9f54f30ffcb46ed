import type { QueueKey } from '../../../../libs/deconfliction/hit.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The queue's keyset cursor over (rank, at, id): opaque to clients, checked strictly when it comes back. */
export function encodeQueueCursor(key: QueueKey): string {
  return Buffer.from(JSON.stringify([key.rank, key.at.toISOString(), key.id])).toString('base64url');
}

export function decodeQueueCursor(cursor: string): QueueKey | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [rank, at, id] = value as unknown[];
    if (!Number.isInteger(rank) || (rank as number) < 0 || (rank as number) > 3) return null;
    const date = new Date(String(at));
    const year = date.getUTCFullYear();
    if (typeof at !== 'string' || Number.isNaN(date.getTime()) || year < 1970 || year > 9999) return null;
    if (typeof id !== 'string' || !UUID.test(id)) return null;
    return { rank: rank as number, at: date, id };
  } catch {
    return null;
  }
}
