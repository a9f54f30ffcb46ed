import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min,
  IsObject, IsUUID, ValidateNested,
} from 'class-validator';
import {
  COUNTERPART_COUNTRIES, CounterpartCountry, Deliverable, DELIVERABLES, MEETING_LEVELS, MeetingLevel, REVIEW_DECISIONS,
  ReviewDecision,
} from '../../../../../libs/meetings/meeting-rules';
import { IsFutureTimestamp, IsPastTimestamp, IsTimestamp } from '../../common/validators';

/** Someone at the meeting: a name and an agency code of the agencies table (any country, counterparts included). */
export class AttendeeDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  name!: string;

  @IsString() @IsNotEmpty() @MaxLength(20)
  agency!: string;
}

export class CreateMeetingDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  title!: string;

  @IsIn(COUNTERPART_COUNTRIES)
  counterpartCountry!: CounterpartCountry;

  /** Agency codes of the counterpart country (e.g. PGR, SSP for MX; RCMP, CBSA for CA). */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(20, { each: true })
  counterpartAgencies!: string[];

  @IsIn(MEETING_LEVELS)
  level!: MeetingLevel;

  @IsTimestamp()
  scheduledAt!: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300)
  location?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(DELIVERABLES.length) @ArrayUnique() @IsIn(DELIVERABLES, { each: true })
  deliverables?: Deliverable[];

  /** The case the meeting concerns: one the organizer's agency may read (its own, or shared with it). */
  @IsOptional() @IsUUID()
  caseId?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => AttendeeDto)
  attendees?: AttendeeDto[];
}

export class AddAttendeesDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => AttendeeDto)
  attendees!: AttendeeDto[];
}

export class CancelMeetingDto {
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}

export class RescheduleMeetingDto {
  /** The new time; the notice (M1) then falls due MEETING_NOTICE_LEAD_TIME before it. */
  @IsFutureTimestamp()
  scheduledAt!: string;

  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}

export class OutcomeActionItemDto {
  @IsString() @IsNotEmpty() @MaxLength(2000)
  description!: string;

  /** A working group or a person. */
  @IsString() @IsNotEmpty() @MaxLength(200)
  owner!: string;

  @IsFutureTimestamp()
  dueAt!: string;
}

export class RecordOutcomeDto {
  @IsPastTimestamp()
  heldAt!: string;

  @IsString() @IsNotEmpty() @MaxLength(20_000)
  summary!: string;

  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => OutcomeActionItemDto)
  actionItems?: OutcomeActionItemDto[];
}

export class ReportRequestDto {
  /** Defaults to now + MEETING_REPORT_DUE_AFTER. */
  @IsOptional() @IsFutureTimestamp()
  dueAt?: string;
}

export class SubmitReportDto {
  @IsString() @IsNotEmpty() @MaxLength(100_000)
  body!: string;
}

export class ReviewReportDto {
  @IsIn(REVIEW_DECISIONS)
  decision!: ReviewDecision;

  @IsString() @IsNotEmpty() @MaxLength(4000)
  comment!: string;

  /** Only with RETURN: the new due date (defaults to now + MEETING_REPORT_DUE_AFTER). */
  @IsOptional() @IsFutureTimestamp()
  dueAt?: string;
}

export class ListMeetingsQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  /** Only the meetings about this case (among those the caller may see). */
  @IsOptional() @IsUUID()
  caseId?: string;
}

export class ComplianceQueryDto {
  /** Meetings scheduled at or after this time. */
  @IsTimestamp()
  from!: string;

  /** Meetings scheduled at or before this time (not before `from`). */
  @IsTimestamp()
  to!: string;
}

export class MeetingCreatedDto {
  id!: string;
  notificationRequired!: boolean;
  notificationDueAt?: string;
  workflowId!: string;
  notification!: string;
  report!: string;
}
