import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { pickLang } from '../../../../libs/http/problem';
import { StatsService, statsCsv } from '../../../../libs/seizures/stats.service';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, sendOutcome } from '../common/idempotency-key';
import { UuidParam } from '../common/uuid-param.pipe';
import {
  CreateCaseFirearmTraceDto, CreateSeizureDto, CreateTraceDto, PatchSeizureDto, SeizureListQueryDto, ShareSeizureDto, StatsQueryDto,
  TraceQueryDto, TraceResultDto,
} from './dto/seizure.dto';
import { SeizuresApi } from './seizures.api';
import { CaseTracesApi } from './case-traces.api';
import { TraceDto, TraceListDto } from './dto/trace-responses.dto';
import { SeizureDto, SeizureListDto } from './dto/seizure-responses.dto';
import { HitViewListDto } from '../deconfliction/dto/deconfliction-responses.dto';
import { ReaderLang } from '../deconfliction/reader-lang';
import { StatsDto } from './dto/stats-responses.dto';

@ApiTags('seizures')
@ApiBearerAuth()
@Controller()
export class SeizuresController {
  constructor(
    private readonly seizures: SeizuresApi, private readonly caseTraces: CaseTracesApi, private readonly stats: StatsService,
  ) {}

  @Post('seizures')
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: SeizureDto })
  async create(
    @CurrentUser() user: AuthUser, @Body() body: CreateSeizureDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.seizures.create(user, body, key));
  }

  @Get('seizures')
  @Roles('CASE_AGENT')
  @ApiOkResponse({ type: SeizureListDto })
  list(@CurrentUser() user: AuthUser, @Query() query: SeizureListQueryDto) {
    return this.seizures.list(user, query.limit ?? 100, query.cursor);
  }

  @Get('seizures/:id')
  @Roles('CASE_AGENT')
  @ApiOkResponse({ type: SeizureDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.seizures.get(user, id);
  }

  @Patch('seizures/:id')
  @Roles('CASE_AGENT')
  @ApiOkResponse({ type: SeizureDto })
  patch(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: PatchSeizureDto) {
    return this.seizures.patch(user, id, body);
  }

  @Post('seizures/:id/share')
  @Roles('CASE_AGENT')
  @HttpCode(200)
  @ApiOkResponse({ type: SeizureDto })
  share(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ShareSeizureDto) {
    return this.seizures.share(user, id, body.agencies);
  }

  @Get('seizures/:id/hits')
  @Roles('CASE_AGENT')
  @ApiOkResponse({ type: HitViewListDto })
  hits(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @ReaderLang() lang: 'en' | 'es') {
    return this.seizures.seizureHits(user, id, lang);
  }

  @Post('seizures/:id/traces')
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: TraceDto })
  async requestTrace(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: CreateTraceDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.seizures.requestTrace(user, id, body, key));
  }

  /** A case agent of the owning agency asks for a trace of a firearm of their case (traces live here, not in cases). */
  @Post('cases/:id/firearms/:firearmId/traces')
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: TraceDto })
  async requestCaseFirearmTrace(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Param('firearmId', UuidParam) firearmId: string,
    @Body() body: CreateCaseFirearmTraceDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.caseTraces.request(user, id, firearmId, body, key));
  }

  @Get('traces')
  @Roles('CASE_AGENT')
  @ApiOkResponse({ type: TraceListDto })
  traces(@CurrentUser() user: AuthUser, @Query() query: TraceQueryDto) {
    return this.seizures.listTraces(user, query.status, query.limit ?? 100, query.cursor);
  }

  @Get('traces/:id')
  @Roles('CASE_AGENT')
  @ApiOkResponse({ type: TraceDto })
  trace(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.seizures.getTrace(user, id);
  }

  @Post('traces/:id/start')
  @Roles('CASE_AGENT')
  @HttpCode(200)
  @ApiOkResponse({ type: TraceDto })
  startTrace(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.seizures.traceStep(user, id, 'start');
  }

  @Post('traces/:id/result')
  @Roles('CASE_AGENT')
  @HttpCode(200)
  @ApiOkResponse({ type: TraceDto })
  traceResult(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: TraceResultDto) {
    return this.seizures.traceStep(user, id, 'result', body);
  }

  /** Leadership's statistics; `Accept: text/csv` returns the same table as CSV. */
  @Get('stats')
  @Roles('LEADERSHIP')
  @ApiOkResponse({ type: StatsDto })
  async statistics(
    @Query() query: StatsQueryDto, @Headers('accept') accept: string | undefined,
    @Headers('accept-language') language: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const from = new Date(query.from);
    const to = new Date(query.to);
    const rows = await this.stats.table(from, to, query.groupBy);
    if (accept?.includes('text/csv')) {
      const lang = pickLang(language);
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-language', lang);
      return statsCsv(rows, query.groupBy, lang);
    }
    return {
      from: from.toISOString(), to: to.toISOString(), groupBy: query.groupBy, rows, ...(await this.stats.breakdowns(from, to)),
      method: 'README.md#statistics',
    };
  }
}
