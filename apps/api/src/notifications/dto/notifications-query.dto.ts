import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { CURSOR_PATTERN } from '../../../../../libs/notifications/read-point';

const SINCE_PATTERN = new RegExp(`^(\\d{1,18}|\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})|${CURSOR_PATTERN.source.slice(1, -1)})$`);

export class NotificationsQueryDto {
  /** A cursor (as returned in `lastId`, or an event id of the stream), a notification id, or an ISO-8601 timestamp with offset. */
  @IsOptional() @IsString() @Matches(SINCE_PATTERN, { message: 'since must be a cursor, a notification id or an ISO-8601 timestamp with offset' })
  since?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}
