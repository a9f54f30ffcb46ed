import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, sendOutcome } from '../common/idempotency-key';
import { UuidParam } from '../common/uuid-param.pipe';
import { CaseItemsAddedDto } from './dto/case-responses.dto';
import { AppendSubjectFormsDto } from './dto/subject-forms.dto';
import { SubjectFormsApi } from './subject-forms.api';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class SubjectFormsController {
  constructor(private readonly forms: SubjectFormsApi) {}

  /** Appends aliases and monikers to a subject of the case; each is deconflicted like the subject's name. */
  @Post(':id/subjects/:subjectId/aliases')
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CaseItemsAddedDto, description: 'The alias items appended (kind "aliases").' })
  async add(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Param('subjectId', UuidParam) subjectId: string,
    @Body() body: AppendSubjectFormsDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.forms.add(user, id, subjectId, body, key));
  }
}
