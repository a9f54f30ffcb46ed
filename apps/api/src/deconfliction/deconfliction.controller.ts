import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { DeconflictionChecksApi } from './deconfliction-checks.api';
import { DeconflictionApi } from './deconfliction.api';
import { CheckDto, CheckListQueryDto, HitQueueQueryDto, OperationsMapQueryDto, ResolveHitDto } from './dto/deconfliction.dto';
import {
  CheckAnswerDto, CheckPageDto, CoordinatorHitDto, CoordinatorHitPageDto, HitViewListDto, OperationsMapDto,
} from './dto/deconfliction-responses.dto';
import { CoordinatorHitPageViewDto } from './dto/hit-work-responses.dto';
import { OperationsMapApi } from './operations-map.api';
import { ReaderLang } from './reader-lang';

@ApiTags('deconfliction')
@ApiBearerAuth()
@Controller()
export class DeconflictionController {
  constructor(
    private readonly deconfliction: DeconflictionApi, private readonly checks: DeconflictionChecksApi, private readonly map: OperationsMapApi,
  ) {}

  @Get('cases/:id/hits')
  @Roles('CASE_AGENT', 'LEADERSHIP')
  @ApiOkResponse({ type: HitViewListDto })
  caseHits(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @ReaderLang() lang: 'en' | 'es') {
    return this.deconfliction.caseHits(user, id, lang);
  }

  @Get('deconfliction/hits')
  @Roles('DECONFLICTION_COORDINATOR')
  @ApiOkResponse({ type: CoordinatorHitPageDto })
  queue(@CurrentUser() user: AuthUser, @Query() query: HitQueueQueryDto, @ReaderLang() lang: 'en' | 'es') {
    return this.deconfliction.queue(user, query, lang);
  }

  @Get('deconfliction/hits/:id')
  @Roles('DECONFLICTION_COORDINATOR')
  @ApiOkResponse({ type: CoordinatorHitPageViewDto })
  hit(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @ReaderLang() lang: 'en' | 'es') {
    return this.deconfliction.hit(user, id, lang);
  }

  /** Every agency's planned operations overlapping the window, with the unresolved event conflicts between them. */
  @Get('deconfliction/operations')
  @Roles('DECONFLICTION_COORDINATOR')
  @ApiOkResponse({ type: OperationsMapDto })
  operations(@CurrentUser() user: AuthUser, @Query() query: OperationsMapQueryDto) {
    return this.map.operations(user, query.from, query.to);
  }

  @Post('deconfliction/hits/:id/resolve')
  @Roles('DECONFLICTION_COORDINATOR')
  @HttpCode(200)
  @ApiOkResponse({ type: CoordinatorHitDto })
  resolve(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ResolveHitDto, @ReaderLang() lang: 'en' | 'es',
  ) {
    return this.deconfliction.resolve(user, id, body, lang);
  }

  /**
   * Check values against every case and lookout without storing them ("before you knock"). Charged to the caller's
   * budget (429 past it), kept, and made known to every agency whose item it meets.
   */
  @Post('deconfliction/checks')
  @Roles('CASE_AGENT')
  @HttpCode(200)
  @ApiOkResponse({ type: CheckAnswerDto })
  check(@CurrentUser() user: AuthUser, @Body() body: CheckDto, @ReaderLang() lang: 'en' | 'es') {
    return this.checks.check(user, body, lang);
  }

  /** The checks the caller's agency made, and other agencies' checks that met its items: pointers only. */
  @Get('deconfliction/checks')
  @Roles('CASE_AGENT', 'DECONFLICTION_COORDINATOR', 'LEADERSHIP')
  @ApiOkResponse({ type: CheckPageDto })
  listChecks(@CurrentUser() user: AuthUser, @Query() query: CheckListQueryDto) {
    return this.checks.list(user, query);
  }
}
