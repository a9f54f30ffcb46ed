import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import type { Lang as LangCode } from '../../../../libs/http/problem';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, sendOutcome } from '../common/idempotency-key';
import { UuidParam } from '../common/uuid-param.pipe';
import { AcceptReferralDto, DeclineReferralDto, InboxQueryDto } from './dto/referral.dto';
import { CreateReferralDto, WithdrawReferralDto } from './dto/manual-referral.dto';
import { Lang } from './lang.decorator';
import { ManualReferralsApi } from './manual-referrals.api';
import { ReferralsApi } from './referrals.api';
import { ReferralDto, ReferralListDto } from './dto/referral-responses.dto';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsApi, private readonly manual: ManualReferralsApi) {}

  @Get('cases/:id/referrals')
  @Roles('CASE_AGENT', 'LEADERSHIP')
  @ApiOkResponse({ type: ReferralListDto })
  forCase(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Lang() lang: LangCode) {
    return this.referrals.forCase(user, id, lang);
  }

  /** An agent of the owning agency refers the case to another agency, disclosing the items chosen (the packet). */
  @Post('cases/:id/referrals')
  @Roles('CASE_AGENT')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ReferralDto })
  async open(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: CreateReferralDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralDto> {
    return sendOutcome(reply, await this.manual.open(user, id, body, key)) as unknown as ReferralDto;
  }

  /**
   * The inbox of the caller's agency, each referral with its packet and sender: newest first, or with `sort=urgency`
   * overdue, then not yet acknowledged, then acknowledged, then worked (oldest first within each).
   */
  @Get('referrals')
  @Roles('REFERRAL_OFFICER')
  @ApiOkResponse({ type: ReferralListDto })
  inbox(@CurrentUser() user: AuthUser, @Query() query: InboxQueryDto, @Lang() lang: LangCode) {
    return this.referrals.inbox(user, { status: query.status, caseNumber: query.caseNumber, sort: query.sort }, query.limit ?? 100, query.cursor, lang);
  }

  /** With the packet and the sender's contact, for the receiving agency before it accepts (and for the sender). */
  @Get('referrals/:id')
  @Roles('REFERRAL_OFFICER', 'CASE_AGENT')
  @ApiOkResponse({ type: ReferralDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Lang() lang: LangCode) {
    return this.referrals.get(user, id, lang);
  }

  @Post('referrals/:id/acknowledge')
  @Roles('REFERRAL_OFFICER')
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDto })
  acknowledge(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Lang() lang: LangCode) {
    return this.referrals.step(user, id, 'acknowledge', lang);
  }

  @Post('referrals/:id/accept')
  @Roles('REFERRAL_OFFICER')
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDto })
  accept(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AcceptReferralDto, @Lang() lang: LangCode) {
    return this.referrals.step(user, id, 'accept', lang, body.note);
  }

  @Post('referrals/:id/decline')
  @Roles('REFERRAL_OFFICER')
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDto })
  decline(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: DeclineReferralDto, @Lang() lang: LangCode) {
    return this.referrals.step(user, id, 'decline', lang, body.reason);
  }

  /** The sending agency's agents take the referral back until it is accepted or declined. */
  @Post('referrals/:id/withdraw')
  @Roles('CASE_AGENT')
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDto })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: WithdrawReferralDto, @Lang() lang: LangCode) {
    return this.referrals.withdraw(user, id, body.reason, lang);
  }
}
