import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, sendOutcome } from '../common/idempotency-key';
import { UuidParam } from '../common/uuid-param.pipe';
import { ActionItemsApi } from './action-items.api';
import { ActionItemQueryDto, CloseActionItemDto, CreateActionItemDto } from './dto/action-item.dto';
import { ActionItemCreatedDto, ActionItemDto, ActionItemPageDto } from './dto/action-item-responses.dto';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('action-items')
export class ActionItemsController {
  constructor(private readonly actionItems: ActionItemsApi) {}

  /** Per owner and status; organizers and agents see their agency's, the coordination team and leadership all. */
  @Get()
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION', 'LEADERSHIP')
  @ApiOkResponse({ type: ActionItemPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ActionItemQueryDto) {
    return this.actionItems.list(user, { status: query.status, owner: query.owner }, query.limit ?? 50, query.cursor);
  }

  /** A conference follow-up (meeting outcomes bring their own through POST /meetings/:id/outcome). */
  @Post()
  @Roles('MEETING_COORDINATION', 'MEETING_ORGANIZER')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ActionItemCreatedDto })
  async create(
    @CurrentUser() user: AuthUser, @Body() body: CreateActionItemDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.actionItems.create(user, body, key));
  }

  @Get(':id')
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION', 'LEADERSHIP')
  @ApiOkResponse({ type: ActionItemDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.actionItems.get(user, id);
  }

  @Post(':id/close')
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION')
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: ActionItemDto })
  async close(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: CloseActionItemDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendOutcome(reply, await this.actionItems.close(user, id, body.note, key));
  }
}
