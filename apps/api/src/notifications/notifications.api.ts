import { Inject, Injectable, MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { AuthUser } from '../../../../libs/auth/roles';
import type { EdgeConfig } from '../../../../libs/config/edge-config';
import { NotificationRecord, NotificationStore } from '../../../../libs/notifications/notification-store';
import { encodeReadPoint, parseReadPoint, plainPoint, ReadPoint } from '../../../../libs/notifications/read-point';
import { SessionEnd, StreamSessions } from '../../../../libs/notifications/stream-sessions';
import { fieldError } from '../common/api-error';
import { NotificationsHub } from './notifications.hub';
import { EDGE_CONFIG, StreamRegistry } from './stream-registry';

const HEARTBEAT_MS = 15_000;
const TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T/;
/** Each event's id is the cursor after it: what a reconnecting client sends back as Last-Event-ID. */
const event = (n: NotificationRecord, after: ReadPoint): MessageEvent => ({ id: encodeReadPoint(after), type: n.kind, data: n });

/** A user's notifications: polled after a point, or streamed for as long as the session lives. */
@Injectable()
export class NotificationsApi {
  constructor(
    private readonly store: NotificationStore, private readonly hub: NotificationsHub, private readonly registry: StreamRegistry,
    private readonly sessions: StreamSessions, @Inject(EDGE_CONFIG) private readonly edge: EdgeConfig,
  ) {}

  /**
   * Everything owed after `since` (a cursor, an id, or a time), oldest first; `lastId` is the cursor to read on from.
   * A late row (a lower id committed after the page that `since` came from) comes first.
   */
  async list(user: AuthUser, since: string | undefined, limit: number) {
    const { items, point } = await this.store.read(user.userId, await this.resolveSince(user, since), limit);
    return { items: items.map((i) => i.record), lastId: encodeReadPoint(point) };
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
    let point: ReadPoint;
    try {
      // A Last-Event-ID that is no cursor (a browser may keep the id of some other event) falls back to `since`.
      const from = lastEventId !== undefined && parseReadPoint(lastEventId) !== null ? lastEventId : since;
      point = from === undefined
        ? await this.store.pointBefore(user.userId, new Date(Date.now() + 1000)) : await this.resolveSince(user, from);
    } catch (error) {
      release();
      throw error;
    }
    return new Observable<MessageEvent>((subscriber) => {
      let reading = false;
      let again = false;
      const end = (reason: SessionEnd): void => {
        if (subscriber.closed) return;
        subscriber.next({ id: encodeReadPoint(point), type: 'session-ended', data: { reason } });
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
              // Read on from the point: a row committed late with a lower id than one already sent is still found
              // (see ReadPoint), and each event's id lets a new connection resume exactly there.
              const { items: batch, point: next } = await this.store.read(user.userId, point, 200);
              for (const n of batch) {
                point = n.point;
                subscriber.next(event(n.record, n.point));
              }
              point = next;
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
        subscriber.next({ id: encodeReadPoint(point), type: 'heartbeat', data: { at: new Date().toISOString() } });
        void drain();
      }, HEARTBEAT_MS);
      const sessionCheck = setInterval(() => void sessionLive().catch(() => undefined), this.edge.streamSessionCheckEveryMs);
      // Every event carries the cursor: Nest numbers events without an id 1, 2, 3..., and a browser's EventSource would
      // resume from such a number and replay the inbox from its start. `lastId` stays the plain id it stands after.
      subscriber.next({ id: encodeReadPoint(point), type: 'ready', data: { lastId: String(point.lastId), cursor: encodeReadPoint(point) } });
      void drain();
      return () => { unsubscribe(); clearInterval(heartbeat); clearInterval(sessionCheck); release(); };
    });
  }

  /** A cursor, a plain id (as clients kept before cursors: everything up to it counts as given), or a time. */
  private async resolveSince(user: AuthUser, since: string | undefined): Promise<ReadPoint> {
    if (since === undefined) return plainPoint(0n);
    if (!TIME_PATTERN.test(since)) {
      const point = parseReadPoint(since);
      if (point === null) throw fieldError('since', 'is not a cursor this API gave', 'no es un cursor dado por esta API');
      return point;
    }
    const at = new Date(since);
    if (Number.isNaN(at.getTime())) throw fieldError('since', 'is not a valid timestamp', 'no es una fecha y hora válida');
    return this.store.pointBefore(user.userId, at);
  }
}
