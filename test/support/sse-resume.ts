import { EventStream, openStream, StreamEvent } from './sse';

export type ResumedEvent = StreamEvent;
export type ResumableStream = EventStream;

/** The shared reader (sse.ts), opened the way a reconnecting EventSource opens it: with Last-Event-ID and/or `?since=`. */
export const openResumableStream = (token: string, options: { lastEventId?: string; query?: string } = {}): Promise<ResumableStream> =>
  openStream(token, options.query ?? '', options.lastEventId);
