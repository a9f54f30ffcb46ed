import { ApiProperty } from '@nestjs/swagger';

export class NotificationDto {
  id!: string;
  kind!: string;
  entityType!: string;
  entityId!: string | null;
  /**
   * The event's view, keyed by what it is about (`hit`, `referral`, `meeting`, ...): each the same view its own route
   * answers to this reader, so its shape depends on `kind`.
   */
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;
  createdAt!: string;
}

export class NotificationPageDto {
  items!: NotificationDto[];
  /**
   * Pass as `since` to read on: an opaque cursor (a plain id before cursors existed), so that a notification with a
   * lower id that commits after this page is still read next time, and none twice.
   */
  lastId!: string;
}
