import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, sendOutcome } from '../common/idempotency-key';
import { UuidParam } from '../common/uuid-param.pipe';
import { CoordinatorHitDto } from './dto/deconfliction-responses.dto';
import { HitContactQueryDto } from './dto/hit-contact-query.dto';
import { AssignHitDto, HitContactDto, ReleaseHitDto } from './dto/hit-work.dto';
import { HitContactEntryDto, HitContactPageDto } from './dto/hit-work-responses.dto';
import { HitClaimsApi } from './hit-claims.api';
import { HitContactsApi } from './hit-contacts.api';
import { ReaderLang } from './reader-lang';

/** The coordinator's workbench on one hit (issue 17): claim, release, hand over, and the contact log. */
@ApiTags('deconfliction')
@ApiBearerAuth()
@Controller('deconfliction/hits/:id')
export class HitWorkController {
  constructor(private readonly claims: HitClaimsApi, private readonly contacts: HitContactsApi) {}

  /** Take ownership of a hit no one holds (409 naming the holder when someone does). */
  @Post('claim')
  @Roles('DECONFLICTION_COORDINATOR')
  @HttpCode(200)
  @ApiOkResponse({ type: CoordinatorHitDto })
  claim(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @ReaderLang() lang: 'en' | 'es') {
    return this.claims.claim(user, id, lang);
  }

  /** The holder, or a desk supervisor, gives the hit back to the queue. */
  @Post('release')
  @Roles('DECONFLICTION_COORDINATOR')
  @HttpCode(200)
  @ApiOkResponse({ type: CoordinatorHitDto })
  release(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ReleaseHitDto, @ReaderLang() lang: 'en' | 'es',
  ) {
    return this.claims.release(user, id, body, lang);
  }

  /** The holder, or a desk supervisor, hands the hit to another coordinator. */
  @Post('assign')
  @Roles('DECONFLICTION_COORDINATOR')
  @HttpCode(200)
  @ApiOkResponse({ type: CoordinatorHitDto })
  assign(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AssignHitDto, @ReaderLang() lang: 'en' | 'es',
  ) {
    return this.claims.assign(user, id, body, lang);
  }

  /** Append an entry to the hit's contact log (never changed or removed afterwards). */
  @Post('contacts')
  @Roles('DECONFLICTION_COORDINATOR')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: HitContactEntryDto })
  async addContact(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: HitContactDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HitContactEntryDto> {
    return sendOutcome(reply, await this.contacts.add(user, id, body, key)) as unknown as HitContactEntryDto;
  }

  @Get('contacts')
  @Roles('DECONFLICTION_COORDINATOR')
  @ApiOkResponse({ type: HitContactPageDto })
  listContacts(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Query() query: HitContactQueryDto) {
    return this.contacts.list(user, id, query);
  }
}
