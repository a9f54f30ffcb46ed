import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { REFERRAL_STATUSES, ReferralStatus } from '../../../../../libs/referrals/referral-rules';

export class AcceptReferralDto {
  @IsOptional() @IsString() @MaxLength(4000)
  note?: string;
}

export class DeclineReferralDto {
  /** Required: the sender and reviewers must see why the receiving agency will not act. */
  @IsString() @IsNotEmpty() @MaxLength(4000)
  reason!: string;
}

export class InboxQueryDto {
  @IsOptional() @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  /**
   * `newest` (default) first, or `urgency`: overdue acknowledgements first, then the other open referrals, then those
   * already worked; oldest first within each (the receiving officer's inbox).
   */
  @IsOptional() @IsIn(['newest', 'urgency'])
  sort?: 'newest' | 'urgency';

  /** Only the referrals of this case (its number, as the inbox shows it; case-insensitive). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(40)
  caseNumber?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(400)
  cursor?: string;
}
