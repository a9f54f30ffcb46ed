import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { UuidParam } from '../common/uuid-param.pipe';
import { CasesService } from './cases.service';
import {
  AppendFirearmsDto, AppendIdentifiersDto, AppendOperationsDto, AppendSubjectsDto, CaseCreatedDto, CloseCaseDto,
  CreateCaseDto, ListCasesQueryDto, ShareCaseDto,
} from './dto/case.dto';
import { CaseClosedDto, CaseDetailDto, CaseItemsAddedDto, CasePageDto, CaseSharedDto } from './dto/case-responses.dto';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Same key + same body returns the first result.' };

function send(reply: FastifyReply, outcome: IdempotentOutcome): Record<string, unknown> {
  void reply.status(outcome.status);
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  return outcome.body;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Roles('CASE_AGENT')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: CaseCreatedDto })
  async create(
    @CurrentUser() user: AuthUser, @Body() body: CreateCaseDto,
    @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseCreatedDto> {
    return send(reply, await this.cases.create(user, body, IdempotencyService.checkKey(key))) as unknown as CaseCreatedDto;
  }

  @Get()
  @Roles('CASE_AGENT', 'LEADERSHIP')
  @ApiOkResponse({ type: CasePageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListCasesQueryDto) {
    return this.cases.list(user, { scope: query.scope ?? 'own', status: query.status, category: query.category }, query.limit ?? 50, query.cursor);
  }

  @Get(':id')
  @Roles('CASE_AGENT', 'LEADERSHIP')
  @ApiOkResponse({ type: CaseDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.cases.get(user, id);
  }

  @Post(':id/subjects')
  @Roles('CASE_AGENT')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: CaseItemsAddedDto })
  async addSubjects(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AppendSubjectsDto,
    @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.cases.append(user, id, 'subjects', body.subjects, IdempotencyService.checkKey(key)));
  }

  @Post(':id/identifiers')
  @Roles('CASE_AGENT')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: CaseItemsAddedDto })
  async addIdentifiers(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AppendIdentifiersDto,
    @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.cases.append(user, id, 'identifiers', body.identifiers, IdempotencyService.checkKey(key)));
  }

  @Post(':id/firearms')
  @Roles('CASE_AGENT')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: CaseItemsAddedDto })
  async addFirearms(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AppendFirearmsDto,
    @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.cases.append(user, id, 'firearms', body.firearms, IdempotencyService.checkKey(key)));
  }

  @Post(':id/operations')
  @Roles('CASE_AGENT')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: CaseItemsAddedDto })
  async addOperations(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AppendOperationsDto,
    @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.cases.append(user, id, 'operations', body.operations, IdempotencyService.checkKey(key)));
  }

  @Post(':id/close')
  @Roles('CASE_AGENT')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: CaseClosedDto })
  async close(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: CloseCaseDto,
    @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.cases.close(user, id, body.outcome, body.result, IdempotencyService.checkKey(key)));
  }

  @Post(':id/shares')
  @Roles('CASE_AGENT')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: CaseSharedDto })
  async share(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ShareCaseDto,
    @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.cases.share(user, id, body.agency, body.reason, IdempotencyService.checkKey(key)));
  }

  @Delete(':id/shares/:agency')
  @Roles('CASE_AGENT')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The share is revoked.' })
  async unshare(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Param('agency') agency: string): Promise<void> {
    await this.cases.unshare(user, id, agency);
  }
}
