import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const SINCE_PATTERN = /^(\d{1,18}|\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2}))$/;

export class NotificationsQueryDto {
  /** A notification id (as returned in `lastId`) or an ISO-8601 timestamp with offset. */
  @IsOptional() @IsString() @Matches(SINCE_PATTERN, { message: 'since must be a notification id or an ISO-8601 timestamp with offset' })
  since?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}
