import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { pickLang } from '../../../../libs/http/problem';

/** The reader's language from Accept-Language (es or en), as the error filter reads it: for reasons served in both. */
export const ReaderLang = createParamDecorator((_: unknown, context: ExecutionContext): 'en' | 'es' =>
  pickLang(context.switchToHttp().getRequest<FastifyRequest>().headers['accept-language']) === 'es' ? 'es' : 'en');
