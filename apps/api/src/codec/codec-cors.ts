import type { FastifyInstance } from 'fastify';

export const CODEC_PATH_PREFIX = '/codec/';
const ALLOWED_HEADERS = 'authorization, content-type, x-namespace';

/**
 * CORS for the codec endpoint only, for the Temporal UI's origin: the UI calls it from the browser. Preflights are
 * answered here (no token comes with them); the POST itself still needs an ADMIN's bearer token. Other origins and
 * every other route get no CORS headers, so browsers keep refusing them.
 */
export function registerCodecCors(fastify: FastifyInstance, origins: readonly string[]): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(CODEC_PATH_PREFIX)) return;
    const origin = request.headers.origin;
    if (!origin || !origins.includes(origin)) return;
    void reply.header('access-control-allow-origin', origin).header('vary', 'origin')
      .header('access-control-allow-credentials', 'true');
    if (request.method !== 'OPTIONS') return;
    void reply.header('access-control-allow-methods', 'POST').header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', '600').status(204).send();
    return reply;
  });
}
