import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, sendOutcome } from '../common/idempotency-key';
import { UuidParam } from '../common/uuid-param.pipe';
import { HitViewListDto } from './dto/deconfliction-responses.dto';
import { CancelLookoutDto, CreateLookoutDto, LookoutListQueryDto } from './dto/lookout.dto';
import { LookoutDto, LookoutPageDto } from './dto/lookout-responses.dto';
import { LookoutsApi } from './lookouts.api';
import { ReaderLang } from './reader-lang';

/** Standing watches on a value: a later matching case or seizure raises a hit for the lookout's agency. */
@ApiTags('deconfliction')
@ApiBearerAuth()
@Controller('lookouts')
export class LookoutsController {
  constructor(private readonly lookouts: LookoutsApi) {}

  @Post()
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: LookoutDto })
  async create(
    @CurrentUser() user: AuthUser, @Body() body: CreateLookoutDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.lookouts.create(user, body, key));
  }

  @Get()
  @Roles('CASE_AGENT')
  @ApiOkResponse({ type: LookoutPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: LookoutListQueryDto) {
    return this.lookouts.list(user, query.limit ?? 100, query.cursor);
  }

  @Get(':id/hits')
  @Roles('CASE_AGENT')
  @ApiOkResponse({ type: HitViewListDto })
  hits(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @ReaderLang() lang: 'en' | 'es') {
    return this.lookouts.hits(user, id, lang);
  }

  /** The owning agency's agents stop a lookout: it no longer matches from now; its earlier hits stay. */
  @Post(':id/cancel')
  @Roles('CASE_AGENT')
  @HttpCode(200)
  @ApiOkResponse({ type: LookoutDto })
  cancel(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: CancelLookoutDto) {
    return this.lookouts.cancel(user, id, body.reason);
  }
}
