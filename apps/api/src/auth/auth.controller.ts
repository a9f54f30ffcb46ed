import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentSession, CurrentUser, Public } from './auth.decorators';
import { AuthApi } from './auth.api';
import { TokenRequestDto, TokenResponseDto } from './dto/token.dto';
import { NoBodyPipe } from './no-body.pipe';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthApi) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponseDto })
  token(@Body() body: TokenRequestDto, @Req() request: FastifyRequest): Promise<TokenResponseDto> {
    return this.auth.issueToken(body.username, body.password, request.ip);
  }

  /** Revokes the caller's session: its token is 401 from then on. */
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The session is ended.' })
  logout(
    @Body(NoBodyPipe) _body: undefined, @CurrentUser() user: AuthUser, @CurrentSession() session: string, @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.auth.logout(user, session, request.ip);
  }
}
