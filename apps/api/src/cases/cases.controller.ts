import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, sendOutcome } from '../common/idempotency-key';
import { UuidParam } from '../common/uuid-param.pipe';
import { CasesApi } from './cases.api';
import {
  AppendFirearmsDto, AppendIdentifiersDto, AppendOperationsDto, AppendSubjectsDto, CaseCreatedDto, CloseCaseDto,
  CreateCaseDto, ListCasesQueryDto, SearchCasesQueryDto, ShareCaseDto,
} from './dto/case.dto';
import { UpdateCaseDto } from './dto/update-case.dto';
import { SetSubjectDobDto, SubjectDobSetDto } from './dto/subject-dob.dto';
import { SubjectDobApi } from './subject-dob.api';
import { CaseClosedDto, CaseDetailDto, CaseItemsAddedDto, CasePageDto, CaseSharedDto } from './dto/case-responses.dto';

/** A `true|false` query filter (checked by the DTO); left out, it does not filter. */
const asFlag = (value: 'true' | 'false' | undefined): boolean | undefined => (value === undefined ? undefined : value === 'true');

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesApi, private readonly subjectDob: SubjectDobApi) {}

  @Post()
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CaseCreatedDto })
  async create(
    @CurrentUser() user: AuthUser, @Body() body: CreateCaseDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseCreatedDto> {
    return sendOutcome(reply, await this.cases.create(user, body, key)) as unknown as CaseCreatedDto;
  }

  @Get()
  @Roles('CASE_AGENT', 'LEADERSHIP')
  @ApiOkResponse({ type: CasePageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListCasesQueryDto) {
    const filter = {
      scope: query.scope ?? 'own', status: query.status, category: query.category,
      openHits: asFlag(query.openHits), openReferrals: asFlag(query.openReferrals),
    };
    return this.cases.list(user, filter, query.limit ?? 50, query.cursor);
  }

  /** Declared before `:id`, so `search` is never read as a case id. */
  @Get('search')
  @Roles('CASE_AGENT', 'LEADERSHIP')
  @ApiOkResponse({ type: CasePageDto, description: 'Readable cases that match, newest first; nothing about any other case.' })
  search(@CurrentUser() user: AuthUser, @Query() query: SearchCasesQueryDto) {
    return this.cases.search(user, query.q, query.limit ?? 50, query.cursor);
  }

  @Get(':id')
  @Roles('CASE_AGENT', 'LEADERSHIP')
  @ApiOkResponse({ type: CaseDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.cases.get(user, id);
  }

  @Patch(':id')
  @Roles('CASE_AGENT')
  @ApiOkResponse({ type: CaseDetailDto, description: 'The case as it reads after the change.' })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: UpdateCaseDto) {
    return this.cases.update(user, id, body);
  }

  @Post(':id/subjects')
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CaseItemsAddedDto })
  async addSubjects(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AppendSubjectsDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.cases.append(user, id, 'subjects', body.subjects, key));
  }

  @Patch(':id/subjects/:subjectId')
  @Roles('CASE_AGENT')
  @ApiOkResponse({ type: SubjectDobSetDto, description: 'The date of birth is set and matching has run again for the person.' })
  setSubjectDob(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Param('subjectId', UuidParam) subjectId: string,
    @Body() body: SetSubjectDobDto,
  ) {
    return this.subjectDob.set(user, id, subjectId, body.dateOfBirth);
  }

  @Post(':id/identifiers')
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CaseItemsAddedDto })
  async addIdentifiers(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AppendIdentifiersDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.cases.append(user, id, 'identifiers', body.identifiers, key));
  }

  @Post(':id/firearms')
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CaseItemsAddedDto })
  async addFirearms(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AppendFirearmsDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.cases.append(user, id, 'firearms', body.firearms, key));
  }

  @Post(':id/operations')
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CaseItemsAddedDto })
  async addOperations(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AppendOperationsDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.cases.append(user, id, 'operations', body.operations, key));
  }

  @Post(':id/close')
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: CaseClosedDto })
  async close(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: CloseCaseDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.cases.close(user, id, body.outcome, body.result, key));
  }

  @Post(':id/shares')
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CaseSharedDto })
  async share(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ShareCaseDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.cases.share(user, id, body.agency, body.reason, key));
  }

  @Delete(':id/shares/:agency')
  @Roles('CASE_AGENT')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The share is revoked.' })
  async unshare(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Param('agency') agency: string): Promise<void> {
    await this.cases.unshare(user, id, agency);
  }
}
