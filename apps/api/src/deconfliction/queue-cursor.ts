import type { QueueKey } from '../../../../libs/deconfliction/hit.repository';
import { cursorCodec, cursorField } from '../common/cursor';

/** The hit queue's keyset over (rank, at, id). */
export const queueCursor = cursorCodec<QueueKey>({
  rank: cursorField.integer(0, 3), at: cursorField.instant(1900, 9999), id: cursorField.uuid,
});
