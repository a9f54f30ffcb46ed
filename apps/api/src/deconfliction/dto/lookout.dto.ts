import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IDENTIFIER_TYPES, IdentifierType } from '../../../../../libs/contracts/case-items';
import { IsFutureTimestamp } from '../../common/validators';

export class CreateLookoutDto {
  @IsIn(IDENTIFIER_TYPES)
  type!: IdentifierType;

  @IsString() @IsNotEmpty() @MaxLength(300)
  value!: string;

  @IsOptional() @IsString() @MaxLength(20)
  region?: string;

  /** Why the watch exists and what the owner wants to hear. */
  @IsString() @IsNotEmpty() @MaxLength(2000)
  note!: string;

  @IsOptional() @IsFutureTimestamp()
  expiresAt?: string;
}

export class LookoutListQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(400)
  cursor?: string;
}

export class CancelLookoutDto {
  /** Why the watch is no longer wanted (kept with the lookout and in the audit trail). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000)
  reason?: string;
}
