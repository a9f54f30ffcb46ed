import { Inject, Injectable } from '@nestjs/common';
import type { EdgeConfig } from '../../../../libs/config/edge-config';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';

export const EDGE_CONFIG = Symbol('EDGE_CONFIG');

/**
 * Open notification streams per user, in this API process. Past the cap a new stream is refused (429), rather than
 * closing the oldest: a browser's EventSource reconnects on its own when its stream closes, so with eviction two tabs
 * past the cap would evict each other forever, and a stolen token could silently cut the owner's streams. A refusal
 * is final for EventSource and tells the user exactly why (close a tab, or poll GET /notifications). Counted per
 * process like the write rate: with N API processes the ceiling is N x the cap.
 */
@Injectable()
export class StreamRegistry {
  private readonly open = new Map<string, number>();

  constructor(@Inject(EDGE_CONFIG) private readonly config: EdgeConfig) {}

  /** Takes a slot for the user's new stream; the returned release may be called any number of times. */
  acquire(userId: string): () => void {
    const count = this.open.get(userId) ?? 0;
    if (count >= this.config.streamsPerUser) {
      const seconds = Math.max(1, Math.ceil(this.config.streamSessionCheckEveryMs / 1000));
      throw new ApiError('TooManyRequests', M.tooManyStreams, { limit: this.config.streamsPerUser }, {
        headers: { 'retry-after': String(seconds) },
      });
    }
    this.open.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(userId) ?? 1) - 1;
      if (left > 0) this.open.set(userId, left); else this.open.delete(userId);
    };
  }
}
