import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { AcceptReferralDto, DeclineReferralDto, InboxQueryDto } from './dto/referral.dto';
import { ReferralsApi } from './referrals.api';
import { ReferralDto, ReferralListDto } from './dto/referral-responses.dto';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsApi) {}

  @Get('cases/:id/referrals')
  @Roles('CASE_AGENT', 'LEADERSHIP')
  @ApiOkResponse({ type: ReferralListDto })
  forCase(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.referrals.forCase(user, id);
  }

  /** The inbox of the caller's agency: newest first, or with `sort=urgency` overdue, open, worked (oldest first within each). */
  @Get('referrals')
  @Roles('REFERRAL_OFFICER')
  @ApiOkResponse({ type: ReferralListDto })
  inbox(@CurrentUser() user: AuthUser, @Query() query: InboxQueryDto) {
    return this.referrals.inbox(user, { status: query.status, caseNumber: query.caseNumber, sort: query.sort }, query.limit ?? 100, query.cursor);
  }

  @Get('referrals/:id')
  @Roles('REFERRAL_OFFICER', 'CASE_AGENT')
  @ApiOkResponse({ type: ReferralDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.referrals.get(user, id);
  }

  @Post('referrals/:id/acknowledge')
  @Roles('REFERRAL_OFFICER')
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDto })
  acknowledge(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.referrals.step(user, id, 'acknowledge');
  }

  @Post('referrals/:id/accept')
  @Roles('REFERRAL_OFFICER')
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDto })
  accept(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: AcceptReferralDto) {
    return this.referrals.step(user, id, 'accept', body.note);
  }

  @Post('referrals/:id/decline')
  @Roles('REFERRAL_OFFICER')
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralDto })
  decline(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: DeclineReferralDto) {
    return this.referrals.step(user, id, 'decline', body.reason);
  }
}
