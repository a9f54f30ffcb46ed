import { Controller, Get, Headers, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Observable } from 'rxjs';
import type { AuthUser } from '../../../../libs/auth/roles';
import { NotificationRecord, NotificationStore } from '../../../../libs/notifications/notification-store';
import { CurrentUser } from '../auth/auth.decorators';
import { fieldError } from '../common/api-error';
import { NotificationsHub } from './notifications.hub';

const SINCE_PATTERN = /^(\d{1,18}|\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2}))$/;

export class NotificationsQueryDto {
  /** A notification id (as returned in `lastId`) or an ISO-8601 timestamp with offset. */
  @IsOptional() @IsString() @Matches(SINCE_PATTERN, { message: 'since must be a notification id or an ISO-8601 timestamp with offset' })
  since?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

const HEARTBEAT_MS = 15_000;
const event = (n: NotificationRecord): MessageEvent => ({ id: n.id, type: n.kind, data: n });

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly store: NotificationStore, private readonly hub: NotificationsHub) {}

  /** For clients that poll: everything after `since` (an id, or a time), oldest first. */
  @Get()
  async list(@CurrentUser() user: AuthUser, @Query() query: NotificationsQueryDto) {
    const after = await this.resolveSince(user, query.since);
    const items = await this.store.since(user.userId, after, query.limit ?? 100);
    return { items, lastId: items.length > 0 ? items[items.length - 1].id : after };
  }

  /**
   * Server-Sent Events: each notification is an event whose id is the notification id, so a client reconnecting
   * with Last-Event-ID (or `since`) misses nothing. Without either, the stream starts from now.
   */
  @Sse('stream')
  async stream(
    @CurrentUser() user: AuthUser, @Query() query: NotificationsQueryDto, @Headers('last-event-id') lastEventId?: string,
  ): Promise<Observable<MessageEvent>> {
    const since = lastEventId && /^\d{1,18}$/.test(lastEventId) ? lastEventId : query.since;
    let cursor = since === undefined ? await this.store.idBefore(user.userId, new Date(Date.now() + 1000)) : await this.resolveSince(user, since);
    return new Observable<MessageEvent>((subscriber) => {
      let reading = false;
      let again = false;
      const drain = async (): Promise<void> => {
        if (reading) { again = true; return; }
        reading = true;
        try {
          do {
            again = false;
            for (;;) {
              const batch = await this.store.since(user.userId, cursor, 200);
              for (const n of batch) subscriber.next(event(n));
              if (batch.length > 0) cursor = batch[batch.length - 1].id;
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
        subscriber.next({ type: 'heartbeat', data: { at: new Date().toISOString() } });
        void drain();
      }, HEARTBEAT_MS);
      subscriber.next({ type: 'ready', data: { lastId: cursor } });
      void drain();
      return () => { unsubscribe(); clearInterval(heartbeat); };
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
