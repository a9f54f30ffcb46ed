import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { DismissReviewDto, PromoteReviewDto, ReviewDto, ReviewPageDto, ReviewQueueQueryDto } from './dto/reviews.dto';
import { ReaderLang } from './reader-lang';
import { ReviewsApi } from './reviews.api';

/** POSSIBLE person matches and collapsed common names: the coordinator promotes them to hits or dismisses them. */
@ApiTags('deconfliction')
@ApiBearerAuth()
@Controller('deconfliction/reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsApi) {}

  @Get()
  @Roles('DECONFLICTION_COORDINATOR')
  @ApiOkResponse({ type: ReviewPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ReviewQueueQueryDto, @ReaderLang() lang: 'en' | 'es') {
    return this.reviews.list(user, query, lang);
  }

  @Post(':id/promote')
  @Roles('DECONFLICTION_COORDINATOR')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewDto })
  promote(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: PromoteReviewDto, @ReaderLang() lang: 'en' | 'es') {
    return this.reviews.promote(user, id, body, lang);
  }

  @Post(':id/dismiss')
  @Roles('DECONFLICTION_COORDINATOR')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewDto })
  dismiss(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: DismissReviewDto, @ReaderLang() lang: 'en' | 'es') {
    return this.reviews.dismiss(user, id, body, lang);
  }
}
