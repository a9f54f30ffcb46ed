import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ACTION_ITEM_STATUSES, ActionItemStatus } from '../../../../../libs/meetings/meeting-rules';
import { IsFutureTimestamp } from '../../common/validators';

/** A follow-up from a conference (seed 002): owned by a working group, with a due date. */
export class CreateActionItemDto {
  @IsString() @IsNotEmpty() @MaxLength(300)
  conference!: string;

  @IsString() @IsNotEmpty() @MaxLength(2000)
  description!: string;

  @IsString() @IsNotEmpty() @MaxLength(200)
  owner!: string;

  @IsFutureTimestamp()
  dueAt!: string;
}

export class CloseActionItemDto {
  /** What was done, or why the item no longer applies. */
  @IsString() @IsNotEmpty() @MaxLength(4000)
  note!: string;
}

export class ActionItemQueryDto {
  @IsOptional() @IsIn(ACTION_ITEM_STATUSES)
  status?: ActionItemStatus;

  /** Exact owner (working group or person). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  owner?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}
