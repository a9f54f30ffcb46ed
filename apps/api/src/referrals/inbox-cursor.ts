import { cursorCodec, cursorField } from '../common/cursor';

/**
 * The inbox's position: the order it pages, the page's last (rank, createdAt, id) and the instant the first page judged
 * "overdue" at, so every page of one listing ranks the same way even as the clock moves.
 */
export interface InboxPosition { sort: 'newest' | 'urgency'; asOf: Date; rank: number; createdAt: Date; id: string }

export const inboxCursor = cursorCodec<InboxPosition>({
  sort: cursorField.oneOf('newest', 'urgency'), asOf: cursorField.instant(2000, 2999), rank: cursorField.integer(0, 3),
  createdAt: cursorField.instant(1900, 9999), id: cursorField.uuid,
}, 'inbox');
