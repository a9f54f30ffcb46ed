import { Inject, Injectable, MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { AuthUser } from '../../../../libs/auth/roles';
import type { EdgeConfig } from '../../../../libs/config/edge-config';
import { NotificationRecord, NotificationStore } from '../../../../libs/notifications/notification-store';
import { StreamCursor } from '../../../../libs/notifications/stream-cursor';
import { SessionEnd, StreamSessions } from '../../../../libs/notifications/stream-sessions';
import { fieldError } from '../common/api-error';
import { NotificationsHub } from './notifications.hub';
import { EDGE_CONFIG, StreamRegistry } from './stream-registry';

const HEARTBEAT_MS = 15_000;
const event = (n: NotificationRecord): MessageEvent => ({ id: n.id, type: n.kind, data: n });

/** A user's notifications: polled after a point, or streamed for as long as the session lives. */
@Injectable()
export class NotificationsApi {
  constructor(
    private readonly store: NotificationStore, private readonly hub: NotificationsHub, private readonly registry: StreamRegistry,
    private readonly sessions: StreamSessions, @Inject(EDGE_CONFIG) private readonly edge: EdgeConfig,
  ) {}

  /** Everything after `since` (an id, or a time), oldest first. */
  async list(user: AuthUser, since: string | undefined, limit: number) {
    const after = await this.resolveSince(user, since);
    const items = await this.store.since(user.userId, after, limit);
    return { items, lastId: items.length > 0 ? items[items.length - 1].id : after };
  }

  /**
   * The events of an SSE stream, from the Last-Event-ID or `since` given (else from now), for as long as the session
   * lives (checked every STREAM_SESSION_CHECK_EVERY and before each delivery); a `session-ended` event says why it stops.
   */
  async stream(
    user: AuthUser, sessionId: string, signal: AbortSignal, since: string | undefined, lastEventId: string | undefined,
  ): Promise<Observable<MessageEvent>> {
    // The slot is released on every way out: the signal aborts on disconnect, completion and error, also when the
    // client left before the stream was set up (the Observable below is then never subscribed).
    const release = this.registry.acquire(user.userId);
    signal.addEventListener('abort', release, { once: true });
    if (signal.aborted) release();
    let cursor: StreamCursor;
    try {
      const from = lastEventId && /^\d{1,18}$/.test(lastEventId) ? lastEventId : since;
      cursor = new StreamCursor(from === undefined
        ? await this.store.idBefore(user.userId, new Date(Date.now() + 1000)) : await this.resolveSince(user, from));
    } catch (error) {
      release();
      throw error;
    }
    return new Observable<MessageEvent>((subscriber) => {
      let reading = false;
      let again = false;
      const end = (reason: SessionEnd): void => {
        if (subscriber.closed) return;
        subscriber.next({ id: cursor.lastDelivered, type: 'session-ended', data: { reason } });
        subscriber.complete();
      };
      /** True while the session may stream; a database that is away ends nothing (it delivers nothing either). */
      const sessionLive = async (): Promise<boolean> => {
        const reason = await this.sessions.endReason(sessionId);
        if (reason) end(reason);
        return reason === null;
      };
      const drain = async (): Promise<void> => {
        if (reading) { again = true; return; }
        reading = true;
        try {
          do {
            again = false;
            for (;;) {
              if (subscriber.closed || !(await sessionLive())) return;
              // Re-read from the safe point: a row committed late with a lower id than one already sent is still
              // found (see StreamCursor); the ones already sent are skipped.
              const { items: batch, horizon } = await this.store.forStream(user.userId, cursor.after, 200, cursor.skip);
              cursor.deliver(batch.map((n) => n.id));
              for (const n of batch) subscriber.next(event(n));
              cursor.settle(horizon);
              if (batch.length < 200) break;
            }
          } while (again && !subscriber.closed);
        } catch {
          // The database is away; the next wake or heartbeat tries again.
        } finally {
          reading = false;
        }
      };
      const unsubscribe = this.hub.subscribe(user.userId, () => void drain());
      const heartbeat = setInterval(() => {
        subscriber.next({ id: cursor.lastDelivered, type: 'heartbeat', data: { at: new Date().toISOString() } });
        void drain();
      }, HEARTBEAT_MS);
      const sessionCheck = setInterval(() => void sessionLive().catch(() => undefined), this.edge.streamSessionCheckEveryMs);
      // Every event carries the last notification id delivered: Nest numbers events without an id 1, 2, 3..., and a
      // browser's EventSource would resume from such a number and replay the inbox from its start.
      subscriber.next({ id: cursor.lastDelivered, type: 'ready', data: { lastId: cursor.lastDelivered } });
      void drain();
      return () => { unsubscribe(); clearInterval(heartbeat); clearInterval(sessionCheck); release(); };
    });
  }

  private async resolveSince(user: AuthUser, since: string | undefined): Promise<string> {
    if (since === undefined) return '0';
    if (/^\d+$/.test(since)) return since;
    const at = new Date(since);
    if (Number.isNaN(at.getTime())) throw fieldError('since', 'is not a valid timestamp', 'no es una fecha y hora válida');
    return this.store.idBefore(user.userId, at);
  }
}
