import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout) fixed by the text it is derived from: rows written by a retried request or activity get
 * the same id, so the retry inserts nothing twice.
 */
export function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
