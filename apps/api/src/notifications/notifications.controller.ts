import { Controller, Get, Headers, MessageEvent, Query, Sse, SseSignal } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentSession, CurrentUser } from '../auth/auth.decorators';
import { NotificationsQueryDto } from './dto/notifications-query.dto';
import { NotificationPageDto } from './dto/notification-responses.dto';
import { NotificationsApi } from './notifications.api';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsApi) {}

  /** For clients that poll: everything owed after `since` (the last page's `lastId` cursor, an id, or a time), oldest first. */
  @Get()
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationsQueryDto) {
    return this.notifications.list(user, query.since, query.limit ?? 100);
  }

  /**
   * Server-Sent Events: each notification is an event whose id is the cursor after it (its data carries the
   * notification id), so a client reconnecting with Last-Event-ID (or `since`) misses nothing, even a notification
   * with a lower id that committed after it left, and gets nothing twice. Without either, the stream starts from now.
   * The stream lives only as long as its session: the session row is read again every STREAM_SESSION_CHECK_EVERY and
   * before anything is delivered; once the session is gone (logout, revocation), expired, idle or its user disabled,
   * a last `session-ended` event says why and the stream completes. A user holds at most STREAMS_PER_USER streams.
   */
  @Sse('stream')
  stream(
    @CurrentUser() user: AuthUser, @CurrentSession() sessionId: string, @SseSignal() signal: AbortSignal,
    @Query() query: NotificationsQueryDto, @Headers('last-event-id') lastEventId?: string,
  ): Promise<Observable<MessageEvent>> {
    return this.notifications.stream(user, sessionId, signal, query.since, lastEventId);
  }
}
