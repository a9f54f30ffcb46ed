import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { IdempotencyService } from '../common/idempotency.service';
import { UuidParam } from '../common/uuid-param.pipe';
import { ActionItemsApi } from './action-items.service';
import { ActionItemQueryDto, CloseActionItemDto, CreateActionItemDto } from './dto/action-item.dto';
import { send } from './meetings.controller';
import { ActionItemCreatedDto, ActionItemDto, ActionItemPageDto } from './dto/action-item-responses.dto';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Same key + same body returns the first result.' };

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
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: ActionItemCreatedDto })
  async create(
    @CurrentUser() user: AuthUser, @Body() body: CreateActionItemDto,
    @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.actionItems.create(user, body, IdempotencyService.checkKey(key)));
  }

  @Get(':id')
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION', 'LEADERSHIP')
  @ApiOkResponse({ type: ActionItemDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.actionItems.get(user, id);
  }

  @Post(':id/close')
  @Roles('MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: ActionItemDto })
  async close(
    @CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Body() body: CloseActionItemDto,
    @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.actionItems.close(user, id, body.note, IdempotencyService.checkKey(key)));
  }
}
