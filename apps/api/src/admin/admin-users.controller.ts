import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { NoBodyPipe } from '../auth/no-body.pipe';
import { ApiIdempotencyKey, IdempotencyKey, sendOutcome } from '../common/idempotency-key';
import { UuidParam } from '../common/uuid-param.pipe';
import { AdminUsersApi } from './admin-users.api';
import {
  AdminUserDto, AdminUserListDto, CreateUserDto, ListUsersQueryDto, ResetPasswordDto, SessionListDto, UpdateUserDto,
} from './dto/admin-user.dto';

const DEFAULT_LIMIT = 50;

/** User administration: ADMIN only; every change audited. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersApi) {}

  @Get()
  @ApiOkResponse({ type: AdminUserListDto })
  list(@CurrentUser() admin: AuthUser, @Query() query: ListUsersQueryDto): Promise<AdminUserListDto> {
    return this.users.list(admin, { agency: query.agency, role: query.role, status: query.status }, query.limit ?? DEFAULT_LIMIT, query.cursor);
  }

  /** The new user must set their own password at first login. */
  @Post()
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: AdminUserDto })
  async create(
    @CurrentUser() admin: AuthUser, @Body() body: CreateUserDto, @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return sendOutcome(reply, await this.users.create(admin, body, key));
  }

  @Get(':id')
  @ApiOkResponse({ type: AdminUserDto })
  get(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string): Promise<AdminUserDto> {
    return this.users.get(admin, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: AdminUserDto })
  update(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string, @Body() body: UpdateUserDto): Promise<AdminUserDto> {
    return this.users.update(admin, id, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminUserDto })
  disable(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string, @Body(NoBodyPipe) _body: undefined): Promise<AdminUserDto> {
    return this.users.setDisabled(admin, id, true);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminUserDto })
  enable(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string, @Body(NoBodyPipe) _body: undefined): Promise<AdminUserDto> {
    return this.users.setDisabled(admin, id, false);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminUserDto })
  resetPassword(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string, @Body() body: ResetPasswordDto): Promise<AdminUserDto> {
    return this.users.resetPassword(admin, id, body.temporaryPassword);
  }

  @Post(':id/reset-second-factor')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminUserDto })
  resetSecondFactor(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string, @Body(NoBodyPipe) _body: undefined): Promise<AdminUserDto> {
    return this.users.resetSecondFactor(admin, id);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminUserDto })
  unlock(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string, @Body(NoBodyPipe) _body: undefined): Promise<AdminUserDto> {
    return this.users.unlock(admin, id);
  }

  @Get(':id/sessions')
  @ApiOkResponse({ type: SessionListDto })
  sessions(@CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string): Promise<SessionListDto> {
    return this.users.listSessions(admin, id);
  }

  @Delete(':id/sessions/:sessionId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is ended.' })
  revokeSession(
    @CurrentUser() admin: AuthUser, @Param('id', UuidParam) id: string, @Param('sessionId', UuidParam) sessionId: string,
  ): Promise<void> {
    return this.users.revokeSession(admin, id, sessionId);
  }
}
