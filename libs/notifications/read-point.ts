/**
 * Which transactions' rows a snapshot saw, as `pg_current_snapshot()` gives it: every transaction below `xmin` had
 * ended, those listed in `running` had not, and none from `xmax` on had begun.
 */
export interface SeenTransactions { xmin: bigint; xmax: bigint; running: bigint[] }

/**
 * How far a reader (a stream, a polling client) has been given a user's notifications. Ids come from a sequence at
 * insert but rows appear at commit: a check's transaction can take id 10 and commit after a hit's took 11 and was
 * read. An id alone therefore cannot say whether 10 was given. The point says it exactly: every row with an id up to
 * `lastId` that the snapshot `seen` saw (each row stores the transaction that inserted it, `xid`), plus the rows
 * listed in `alsoGiven` (rows committed late that a read handed out one by one). Rows with a higher id, or with a
 * lower id from a transaction the snapshot did not see, are still owed; no row is owed once given.
 *
 * A point without `seen` is a plain id, as clients had before: everything up to it counts as given.
 */
export interface ReadPoint { lastId: bigint; seen: SeenTransactions | null; alsoGiven: bigint[] }

/** Past this many running transactions the point forgets the newest (see `compact`), so a cursor stays a short header. */
const MAX_RUNNING = 64;

const NUMBER = '\\d{1,19}';
const LIST = `(?:${NUMBER}(?:-${NUMBER}){0,1023})?`;
/** `n1.<lastId>.<xmin>.<xmax>.<running, dash-separated>.<alsoGiven, dash-separated>`; URL- and header-safe. */
export const CURSOR_PATTERN = new RegExp(`^n1\\.(${NUMBER})\\.(${NUMBER})\\.(${NUMBER})\\.(${LIST})\\.(${LIST})$`);
export const PLAIN_ID_PATTERN = /^\d{1,18}$/;
const MAX_BIGINT = 2n ** 63n - 1n;

export const plainPoint = (id: string | bigint): ReadPoint => ({ lastId: BigInt(id), seen: null, alsoGiven: [] });

const list = (text: string): bigint[] => (text === '' ? [] : text.split('-').map(BigInt));

/** A cursor or a plain id as a point; null when it is neither, or names transactions in an impossible order. */
export function parseReadPoint(text: string): ReadPoint | null {
  if (PLAIN_ID_PATTERN.test(text)) return plainPoint(text);
  const match = CURSOR_PATTERN.exec(text);
  if (!match) return null;
  const [lastId, xmin, xmax] = [match[1], match[2], match[3]].map(BigInt);
  const running = list(match[4]);
  const alsoGiven = list(match[5]);
  const ordered = running.every((x, i) => x >= xmin && x < xmax && (i === 0 || x > running[i - 1]));
  if (xmin < 1n || xmin > xmax || xmax > MAX_BIGINT || lastId > MAX_BIGINT || !ordered
    || running.length > MAX_RUNNING || alsoGiven.some((id) => id > lastId)) return null;
  return { lastId, seen: { xmin, xmax, running }, alsoGiven };
}

/** The opaque cursor a client hands back as Last-Event-ID or `since`; a point without a snapshot stays a plain id. */
export function encodeReadPoint(point: ReadPoint): string {
  if (point.seen === null) return String(point.lastId);
  const { xmin, xmax, running } = point.seen;
  return `n1.${point.lastId}.${xmin}.${xmax}.${running.join('-')}.${point.alsoGiven.join('-')}`;
}

/** `pg_current_snapshot()` as text (`xmin:xmax:xip,xip`). */
export function parseSnapshot(text: string): SeenTransactions {
  const [xmin, xmax, running] = text.split(':');
  return compact({ xmin: BigInt(xmin), xmax: BigInt(xmax), running: running === '' ? [] : running.split(',').map(BigInt) });
}

/**
 * Keeps a snapshot short by seeing less: with too many running transactions, `xmax` comes down to the first one left
 * out, so it and everything after it count as unseen. Unseen rows are read again, never skipped: at worst a reader
 * is given a row twice, and only while that many transactions run at once.
 */
export function compact(seen: SeenTransactions): SeenTransactions {
  if (seen.running.length <= MAX_RUNNING) return seen;
  return { xmin: seen.xmin, xmax: seen.running[MAX_RUNNING], running: seen.running.slice(0, MAX_RUNNING) };
}

export interface PointedRow { id: bigint }

/**
 * The points after each row of one read, and after the read as a whole. A read returns the rows still owed that its
 * snapshot `now` sees, oldest id first: first the late ones (id at or below `lastId`), then the new ones; `lateAll`
 * says whether every late row it saw is among them (the page was not cut inside them). While late rows are being
 * handed out the point keeps its old snapshot and lists them; after the last one the new snapshot covers them all.
 */
export function advance<T extends PointedRow>(from: ReadPoint, rows: T[], now: SeenTransactions, lateAll: boolean): {
  after: { row: T; point: ReadPoint }[]; point: ReadPoint;
} {
  const lateCount = rows.filter((r) => r.id <= from.lastId).length;
  const settled = (lastId: bigint): ReadPoint => ({ lastId, seen: now, alsoGiven: [] });
  let point: ReadPoint = lateAll && lateCount === 0 ? settled(from.lastId) : from;
  const after = rows.map((row, index) => {
    if (row.id > from.lastId) point = settled(row.id);
    else if (lateAll && index === lateCount - 1) point = settled(from.lastId);
    else point = { ...point, alsoGiven: [...point.alsoGiven, row.id] };
    return { row, point };
  });
  return { after, point };
}
