import type { QueueKey } from '../../../../libs/deconfliction/hit-store';
import { cursorCodec, cursorField } from '../common/cursor';

/** The hit queue's keyset over (rank, at, id). */
export const queueCursor = cursorCodec<QueueKey>({
  rank: cursorField.integer(0, 3), at: cursorField.instant(1970, 9999), id: cursorField.uuid,
});
