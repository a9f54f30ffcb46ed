import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LOOKOUT_TYPES, LookoutType } from '../../../../../libs/deconfliction/lookout.service';
import { IsFutureTimestamp, IsPastDate } from '../../common/validators';

export class CreateLookoutDto {
  /** An identifier type, or PERSON (`value` is the full name, with `dateOfBirth` when known), or ORGANIZATION (its name). */
  @IsIn(LOOKOUT_TYPES)
  type!: LookoutType;

  @IsString() @IsNotEmpty() @MaxLength(300)
  value!: string;

  /** PERSON lookouts only: matched with the same date-of-birth rules as a case's person. */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date as YYYY-MM-DD' }) @IsPastDate()
  dateOfBirth?: string;

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
