import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { CoordinatorHitPageViewDto } from './dto/hit-work-responses.dto';
import { ReopenHitDto, SuppressionPageDto, SuppressionQueryDto } from './dto/hit-reopen.dto';
import { HitReopenApi } from './hit-reopen.api';
import { ReaderLang } from './reader-lang';

/** Issue 17: a resolved hit reopened by the watch desk, and the suppressions NO_CONFLICT resolutions left. */
@ApiTags('deconfliction')
@ApiBearerAuth()
@Controller('deconfliction')
export class HitReopenController {
  constructor(private readonly reopening: HitReopenApi) {}

  @Post('hits/:id/reopen')
  @Roles('DECONFLICTION_COORDINATOR')
  @HttpCode(200)
  @ApiOkResponse({ type: CoordinatorHitPageViewDto, description: 'The hit\'s page, as GET /deconfliction/hits/:id answers it.' })
  reopen(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ReopenHitDto, @ReaderLang() lang: 'en' | 'es') {
    return this.reopening.reopen(user, id, body.reason, lang);
  }

  @Get('suppressions')
  @Roles('DECONFLICTION_COORDINATOR')
  @ApiOkResponse({ type: SuppressionPageDto })
  suppressions(@Query() query: SuppressionQueryDto) {
    return this.reopening.suppressions(query);
  }
}
