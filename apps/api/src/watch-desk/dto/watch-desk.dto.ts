import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';

export class WatchDeskWebhookInputDto {
  /** http or https; receives a JSON POST signed in `X-Signature` (README "Watch-desk webhooks"). */
  @IsString() @IsNotEmpty() @MaxLength(2000)
  url!: string;

  /** The HMAC-SHA256 key; may be left out for a webhook already on the list (its secret is kept). */
  @IsOptional() @IsString() @MinLength(16) @MaxLength(200)
  secret?: string;
}

export class WatchDeskContactsDto {
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(320, { each: true })
  emails!: string[];

  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => WatchDeskWebhookInputDto)
  webhooks!: WatchDeskWebhookInputDto[];
}

export class AgencyCodeParamDto {
  @IsString() @Matches(/^[A-Z0-9_-]{2,20}$/)
  code!: string;
}

export class DeliveryListQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(400)
  cursor?: string;
}

export class WatchDeskWebhookDto {
  url!: string;
  /** The last four characters of the secret, so an administrator can tell which one is set; never the whole secret. */
  secretEndsWith!: string;
}

export class WatchDeskContactsViewDto {
  agency!: string;
  emails!: string[];
  webhooks!: WatchDeskWebhookDto[];
}

export class WatchDeskDeliveryDto {
  id!: string;
  alertId!: string;
  @ApiProperty({ enum: ['hit.created', 'hit.escalated'] })
  event!: string;
  agency!: string;
  @ApiProperty({ enum: ['EMAIL', 'WEBHOOK'] })
  channel!: string;
  address!: string;
  attempt!: number;
  @ApiProperty({ enum: ['DELIVERED', 'FAILED'] })
  outcome!: string;
  detail!: string;
  attemptedAt!: string;
}

export class WatchDeskDeliveryPageDto {
  items!: WatchDeskDeliveryDto[];
  nextCursor!: string | null;
}
