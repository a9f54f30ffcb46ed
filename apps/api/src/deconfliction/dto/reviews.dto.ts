import { Type } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { REVIEW_KINDS, REVIEW_STATUSES, ReviewStatus } from '../../../../../libs/deconfliction/review-rules';

export class ReviewQueueQueryDto {
  @IsOptional() @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

export class PromoteReviewDto {
  /** Why the coordinator holds it to be the same person. */
  @IsString() @IsNotEmpty() @MaxLength(4000)
  note!: string;

  /** The candidate (its item id in `candidates`) to raise the hit with; required for an item of several candidates. */
  @IsOptional() @IsUUID()
  candidate?: string;
}

export class DismissReviewDto {
  /** Why it is no conflict. */
  @IsString() @IsNotEmpty() @MaxLength(4000)
  note!: string;
}

/** Whom to call about one side of a review item, and that side's name (or serial) as recorded. */
export class ReviewPointerDto {
  agency!: string;
  caseNumber!: string | null;
  agentName!: string | null;
  agentPhone!: string | null;
  matchedValue!: string;
  /**
   * Only when that side is a seizure (an arrestee, a seized firearm): the seizure to ask the seizing agency about
   * (caseNumber is then null).
   */
  seizureId?: string;
}

export class ReviewCandidateDto extends ReviewPointerDto {
  /** The stored person's (or firearm's) item id: what `promote { candidate }` names. */
  id!: string;
  score!: number;
  reason!: string;
}

/**
 * A POSSIBLE person match, a collapsed common name, or the crowd of stored serials an obliterated serial's readable
 * part met (COMMON_SERIAL_PART), as the coordinator reviews it.
 */
export class ReviewDto {
  id!: string;
  @ApiProperty({ enum: REVIEW_KINDS })
  kind!: string;
  status!: string;
  reason!: string;
  query!: ReviewPointerDto;
  candidates!: ReviewCandidateDto[];
  agencies!: string[];
  note!: string | null;
  decidedBy!: string | null;
  decidedAt!: string | null;
  hitId!: string | null;
  createdAt!: string;
}

export class ReviewPageDto {
  items!: ReviewDto[];
  nextCursor!: string | null;
}
