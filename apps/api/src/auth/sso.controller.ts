import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from './auth.decorators';
import { SsoIssuersResponseDto, SsoSessionRequestDto, SsoSessionResponseDto } from './dto/sso.dto';
import { SsoApi } from './sso.api';

/** Sign-in through an agency's OpenID Connect provider (issue 19); all public: they are how a session begins. */
@ApiTags('auth')
@Controller('auth/sso')
export class SsoController {
  constructor(private readonly sso: SsoApi) {}

  /** The configured providers, for the sign-in page's buttons (none: local passwords only). */
  @Public()
  @Get('issuers')
  @ApiOkResponse({ type: SsoIssuersResponseDto })
  issuers(): SsoIssuersResponseDto {
    return { items: this.sso.list() };
  }

  /** Redirects the browser to the provider (authorization code with PKCE); `next` is the console path to return to. */
  @Public()
  @Get(':issuer/start')
  @ApiFoundResponse({ description: 'To the provider\'s authorization endpoint.' })
  async start(@Param('issuer') issuer: string, @Query('next') next: unknown, @Res() reply: FastifyReply): Promise<void> {
    const location = await this.sso.start(issuer, next);
    await reply.redirect(location, 302);
  }

  /** The provider's redirect back: the code is exchanged here; the console is sent a one-time hand-over code. */
  @Public()
  @Get('callback')
  @ApiFoundResponse({ description: 'To the console page that completes the sign-in.' })
  async callback(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const location = await this.sso.callback(query, request.ip);
    await reply.header('cache-control', 'no-store').redirect(location, 302);
  }

  /** Trades the hand-over code for a session of this installation, like a password sign-in's token. */
  @Public()
  @Post('session')
  @HttpCode(200)
  @ApiOkResponse({ type: SsoSessionResponseDto })
  session(@Body() body: SsoSessionRequestDto, @Req() request: FastifyRequest): Promise<SsoSessionResponseDto> {
    return this.sso.session(body.handoff, request.ip);
  }
}
