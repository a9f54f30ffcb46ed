import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { CodecApi } from './codec.api';
import { CodecPayloadsDto } from './dto/codec.dto';

/**
 * Codec server for the Temporal UI and CLI (`--codec-endpoint <api>/codec`): payloads in Temporal are AES-GCM
 * encrypted, and only an ADMIN, with a bearer token, may have them decoded (or encoded).
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('codec')
@Roles('ADMIN')
export class CodecController {
  constructor(private readonly codec: CodecApi) {}

  @Post('decode')
  @HttpCode(200)
  @ApiOkResponse({ type: CodecPayloadsDto })
  decode(@CurrentUser() user: AuthUser, @Body() body: CodecPayloadsDto, @Headers('x-namespace') namespace?: string): Promise<CodecPayloadsDto> {
    return this.codec.decode(user, body, namespace);
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOkResponse({ type: CodecPayloadsDto })
  encode(@CurrentUser() user: AuthUser, @Body() body: CodecPayloadsDto, @Headers('x-namespace') namespace?: string): Promise<CodecPayloadsDto> {
    return this.codec.encode(user, body, namespace);
  }
}
