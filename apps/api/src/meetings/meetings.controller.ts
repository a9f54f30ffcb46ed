import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { pickLang } from '../../../../libs/http/problem';
import { complianceCsv, wantsCsv } from '../../../../libs/meetings/compliance-csv';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, sendOutcome } from '../common/idempotency-key';
import { UuidParam } from '../common/uuid-param.pipe';
import {
  AddAttendeesDto, CancelMeetingDto, ComplianceQueryDto, CreateMeetingDto, ListMeetingsQueryDto, MeetingCreatedDto, RecordOutcomeDto,
  ReportRequestDto, RescheduleMeetingDto, ReviewReportDto, SubmitReportDto,
} from './dto/meeting.dto';
import { MeetingChangesApi } from './meeting-changes.api';
import { MeetingsApi } from './meetings.api';
import { ComplianceReportDto, MeetingDto, MeetingPageDto } from './dto/meeting-responses.dto';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsApi, private readonly changes: MeetingChangesApi) {}

  @Post()
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: MeetingCreatedDto })
  async create(
    @CurrentUser() user: AuthUser, @Body() body: CreateMeetingDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeetingCreatedDto> {
    return sendOutcome(reply, await this.meetings.create(user, body, key)) as unknown as MeetingCreatedDto;
  }

  @Get()
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION', 'LEADERSHIP')
  @ApiOkResponse({ type: MeetingPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListMeetingsQueryDto) {
    return this.meetings.list(user, query.limit ?? 50, query.cursor, query.caseId);
  }

  /** M4 for leadership; `Accept: text/csv` answers the same lines as CSV. Declared before `:id`. */
  @Get('compliance')
  @Roles('LEADERSHIP')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ComplianceReportDto })
  async compliance(
    @CurrentUser() user: AuthUser, @Query() query: ComplianceQueryDto,
    @Headers('accept') accept: string | undefined, @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.meetings.compliance(user, query.from, query.to);
    void reply.header('vary', 'accept, accept-language');
    if (!wantsCsv(accept)) return report;
    void reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="meeting-compliance.csv"');
    // Column headers in the caller's language; the data stays as entered.
    return complianceCsv(report.items, pickLang(acceptLanguage));
  }

  @Get(':id')
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION', 'LEADERSHIP')
  @ApiOkResponse({ type: MeetingDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.meetings.get(user, id);
  }

  /** M1: the notice to the meeting-coordination team (ON_TIME or LATE). */
  @Post(':id/notification')
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: MeetingDto })
  async notice(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.meetings.notice(user, id, key));
  }

  @Post(':id/outcome')
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: MeetingDto })
  async outcome(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: RecordOutcomeDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.meetings.outcome(user, id, body, key));
  }

  /** M3: only for a meeting touching a trilateral deliverable. */
  @Post(':id/report-request')
  @Roles('MEETING_COORDINATION')
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: MeetingDto })
  async requestReport(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ReportRequestDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.meetings.requestReport(user, id, body.dueAt, key));
  }

  @Post(':id/report')
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: MeetingDto })
  async submitReport(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: SubmitReportDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.meetings.submitReport(user, id, body.body, key));
  }

  @Post(':id/report/review')
  @Roles('MEETING_COORDINATION', 'LEADERSHIP')
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: MeetingDto })
  async reviewReport(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ReviewReportDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.meetings.reviewReport(user, id, body, key));
  }

  /** Before the meeting is held: its clocks stop, nothing more is owed (a held or cancelled meeting is 409). */
  @Post(':id/cancel')
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION')
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: MeetingDto })
  async cancel(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: CancelMeetingDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.changes.cancel(user, id, body, key));
  }

  /** Before the meeting is held: the notice due time (M1) and the clock move with it. */
  @Post(':id/reschedule')
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION')
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: MeetingDto })
  async reschedule(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: RescheduleMeetingDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.changes.reschedule(user, id, body, key));
  }

  @Post(':id/attendees')
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: MeetingDto })
  async addAttendees(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AddAttendeesDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.changes.addAttendees(user, id, body, key));
  }
}
