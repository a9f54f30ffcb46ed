import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Lang as LangCode, pickLang } from '../../../../libs/http/problem';

/** The caller's language from Accept-Language, as problem details pick it: `es` for Spanish, English otherwise. */
export const Lang = createParamDecorator((_: unknown, ctx: ExecutionContext): LangCode =>
  pickLang(ctx.switchToHttp().getRequest<FastifyRequest>().headers['accept-language']));
