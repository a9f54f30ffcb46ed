import { CursorCodec, cursorCodec, cursorField } from './cursor';

export type Keyset = { createdAt: Date; id: string };

/**
 * The common newest-first keyset over (created_at, id), tagged with its listing: a cursor one list issued is refused
 * (400 on `cursor`) by every other, so a client mixing them up learns it instead of getting a page of the wrong place.
 */
export const listingCursor = (listing: string): CursorCodec<Keyset> =>
  cursorCodec<Keyset>({ createdAt: cursorField.instant(1900, 9999), id: cursorField.uuid }, listing);

/** Rows were fetched one past the page: when that one came back, the page's last row is where the next page starts. */
export function nextCursorOf(codec: CursorCodec<Keyset>, rows: Keyset[], limit: number): string | null {
  return rows.length > limit ? codec.encode(rows[limit - 1]) : null;
}
