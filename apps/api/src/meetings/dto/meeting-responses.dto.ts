import { ApiProperty } from '@nestjs/swagger';
import { ActionItemDto } from './action-item-responses.dto';

/** What lists and notifications carry of a meeting. */
export class MeetingSummaryDto {
  id!: string;
  title!: string;
  owningAgency!: string;
  level!: string;
  counterpartCountry!: string;
  scheduledAt!: string;
  notificationRequired!: boolean;
  notificationDueAt!: string | null;
  notification!: string;
  report!: string;
  reportDueAt!: string | null;
  workflowId!: string;
  /** The case the meeting concerns, if any. */
  caseId!: string | null;
  @ApiProperty({ enum: ['SCHEDULED', 'HELD', 'CANCELLED'] })
  status!: string;
}

export class MeetingPageDto {
  items!: MeetingSummaryDto[];
  nextCursor!: string | null;
}

export class MeetingOutcomeDto {
  heldAt!: string | null;
  summary!: string | null;
  recordedBy!: string | null;
  recordedAt!: string | null;
}

export class ReportHistoryEntryDto {
  status!: string;
  action!: string;
  actor!: string;
  agency!: string | null;
  at!: string;
  dueAt?: string;
  note?: string;
}

export class AttendeeViewDto {
  name!: string;
  agency!: string;
}

export class CancellationDto {
  at!: string;
  by!: string;
  reason!: string;
}

export class ScheduleChangeDto {
  from!: string;
  to!: string;
  reason!: string;
  by!: string;
  at!: string;
}

/** GET /meetings/:id and the answer of every step. */
export class MeetingDto extends MeetingSummaryDto {
  organizer!: string;
  counterpartAgencies!: string[];
  location!: string | null;
  deliverables!: string[];
  noticeAt!: string | null;
  noticeBy!: string | null;
  @ApiProperty({ type: () => MeetingOutcomeDto, nullable: true })
  outcome!: MeetingOutcomeDto | null;
  actionItems!: ActionItemDto[];
  reportBody!: string | null;
  reportHistory!: ReportHistoryEntryDto[];
  attendees!: AttendeeViewDto[];
  @ApiProperty({ type: () => CancellationDto, nullable: true })
  cancellation!: CancellationDto | null;
  scheduleHistory!: ScheduleChangeDto[];
  createdAt!: string;
  updatedAt!: string;
}

/** One line of the leadership compliance report (M4). */
export class ComplianceItemDto {
  id!: string;
  title!: string;
  level!: string;
  counterpartCountry!: string;
  scheduledAt!: string;
  notification!: string;
  report!: string;
}

const COUNTS = { type: 'object', additionalProperties: { type: 'number' } } as const;

export class ComplianceTotalsDto {
  /** Meetings per notification status. */
  @ApiProperty(COUNTS)
  notification!: Record<string, number>;
  /** Meetings per report status. */
  @ApiProperty(COUNTS)
  report!: Record<string, number>;
}

export class ComplianceReportDto {
  items!: ComplianceItemDto[];
  totals!: ComplianceTotalsDto;
}
