/**
 * The inbox's keyset cursor: the order it pages, the page's last (rank, createdAt, id) and the instant the first page
 * judged "overdue" at, so every page of one listing ranks the same way even as the clock moves. Opaque to clients, checked strictly.
 */
export interface InboxPosition { sort: 'newest' | 'urgency'; asOf: Date; rank: number; createdAt: Date; id: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const plausible = (d: Date) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2999;

export function encodeInboxCursor(p: InboxPosition): string {
  return Buffer.from(JSON.stringify(['inbox', p.sort, p.asOf.toISOString(), p.rank, p.createdAt.toISOString(), p.id])).toString('base64url');
}

export function decodeInboxCursor(cursor: string): InboxPosition | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 6 || parsed[0] !== 'inbox') return null;
    const [, sort, asOf, rank, createdAt, id] = parsed as [string, unknown, string, unknown, string, unknown];
    if (sort !== 'newest' && sort !== 'urgency') return null;
    const position: InboxPosition = { sort, asOf: new Date(asOf), rank: Number(rank), createdAt: new Date(createdAt), id: String(id) };
    if (!plausible(position.asOf) || !plausible(position.createdAt) || ![0, 1, 2].includes(position.rank as number) || !UUID.test(position.id)) return null;
    return position;
  } catch {
    return null;
  }
}
