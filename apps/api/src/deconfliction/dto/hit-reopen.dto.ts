import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ReopenHitDto {
  /** Why the resolution no longer holds (kept on the hit and in the audit trail). */
  @IsString() @IsNotEmpty() @MaxLength(4000)
  reason!: string;
}

export class SuppressionQueryDto {
  /** `live` (default): suppressions in force; `all`: lifted ones too. */
  @IsOptional() @IsIn(['live', 'all'])
  scope?: 'live' | 'all';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(400)
  cursor?: string;
}

/** A NO_CONFLICT resolution's standing effect: the hit's pair of values raises no hit again until it is reopened. */
export class SuppressionDto {
  id!: string;
  hitId!: string;
  matchType!: string;
  /** The coordinator's note on the NO_CONFLICT resolution. */
  note!: string;
  createdBy!: string;
  createdAt!: string;
  liftedAt!: string | null;
  liftedBy!: string | null;
  liftReason!: string | null;
}

export class SuppressionPageDto {
  items!: SuppressionDto[];
  nextCursor!: string | null;
}
