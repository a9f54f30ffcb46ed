import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import type { SessionScope } from '../../../../libs/auth/session-store';
import { AccountApi } from './account.api';
import { CurrentSession, CurrentSessionScope, CurrentUser, Public, SessionStepRoute } from './auth.decorators';
import { AuthApi } from './auth.api';
import { ChangePasswordDto, ConfirmEnrolmentDto, EnrolmentDto, PasswordChangedDto, RecoveryCodesDto } from './dto/account.dto';
import {
  LoginChallengeDto, SecondFactorRequestDto, SecondFactorTokenResponseDto, TokenRequestDto, TokenResponseDto,
} from './dto/token.dto';
import { NoBodyPipe } from './no-body.pipe';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthApi, private readonly account: AccountApi) {}

  /** 200 with a token, or 202 with a challenge when the user has a second factor (then POST /auth/token/second-factor). */
  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiAcceptedResponse({ type: LoginChallengeDto })
  async token(
    @Body() body: TokenRequestDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto | LoginChallengeDto> {
    const answer = await this.auth.issueToken(body.username, body.password, request.ip);
    if ('challenge' in answer) void reply.status(202);
    return answer;
  }

  /** The second step of a login: the challenge and a TOTP or recovery code. Wrong codes count in the login lockout. */
  @Public()
  @Post('token/second-factor')
  @HttpCode(200)
  @ApiOkResponse({ type: SecondFactorTokenResponseDto })
  secondFactor(@Body() body: SecondFactorRequestDto, @Req() request: FastifyRequest): Promise<SecondFactorTokenResponseDto> {
    return this.auth.completeSecondFactor(body.challenge, body.code, request.ip);
  }

  /** Revokes the caller's session: its token is 401 from then on. */
  @Post('logout')
  @HttpCode(204)
  @SessionStepRoute()
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The session is ended.' })
  logout(
    @Body(NoBodyPipe) _body: undefined, @CurrentUser() user: AuthUser, @CurrentSession() session: string, @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.auth.logout(user, session, request.ip);
  }

  /** Starts (or restarts) enrolling a TOTP app: the secret as an otpauth URI and a QR code. */
  @Post('mfa/enrol')
  @HttpCode(200)
  @SessionStepRoute()
  @ApiBearerAuth()
  @ApiOkResponse({ type: EnrolmentDto })
  enrol(@Body(NoBodyPipe) _body: undefined, @CurrentUser() user: AuthUser): Promise<EnrolmentDto> {
    return this.account.startEnrolment(user);
  }

  /** Activates the factor with a current code; answers the recovery codes, this once. */
  @Post('mfa/confirm')
  @HttpCode(200)
  @SessionStepRoute()
  @ApiBearerAuth()
  @ApiOkResponse({ type: RecoveryCodesDto })
  confirm(
    @Body() body: ConfirmEnrolmentDto, @CurrentUser() user: AuthUser, @CurrentSession() session: string,
    @CurrentSessionScope() scope: SessionScope | null,
  ): Promise<RecoveryCodesDto> {
    return this.account.confirmEnrolment(user, session, scope, body.code);
  }

  /** Sets a new password (required after an administrator's reset); the user's other sessions end. */
  @Post('password')
  @HttpCode(200)
  @SessionStepRoute()
  @ApiBearerAuth()
  @ApiOkResponse({ type: PasswordChangedDto })
  changePassword(
    @Body() body: ChangePasswordDto, @CurrentUser() user: AuthUser, @CurrentSession() session: string,
    @CurrentSessionScope() scope: SessionScope | null, @Req() request: FastifyRequest,
  ): Promise<PasswordChangedDto> {
    return this.account.changePassword(user, session, scope, body.currentPassword, body.newPassword, request.ip);
  }
}
