import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

/**
 * A client's X-Request-Id is kept only when it is a short token of characters that need no escaping anywhere it
 * goes (logs, headers, problem bodies, a terminal): letters, digits and `.` `_` `:` `-`, at most 64. That covers
 * what proxies and tracers send (UUIDs, 32-hex trace ids, `svc:uuid`), and nothing that can carry markup, a line
 * break or a flood. Anything else is replaced, not trimmed, so a request id is never partly what a client chose.
 */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFor(request: IncomingMessage): string {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && SAFE_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/**
 * Content-Security-Policy for what the API serves to browsers: the Swagger page at /docs (its scripts are files of
 * its own; it has an inline <style>, hence 'unsafe-inline' for styles only) and the console to be served at `/`.
 * No framing at all (frame-ancestors 'none', and X-Frame-Options DENY for older browsers). No
 * upgrade-insecure-requests: the API speaks plain HTTP on loopback and TLS is added in front of it.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
};

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer. HSTS is sent only on requests that arrived over TLS: on this socket, or through a
 * proxy listed in TRUST_PROXY that says so with X-Forwarded-Proto (fastify's request.protocol believes the header
 * from those proxies only; anyone else could claim https). HSTS over plain HTTP is ignored by browsers anyway, and on
 * a loopback development server it would pin `localhost` to https for a year.
 * Responses carry case data unless they are the documentation's static files: all others are `no-store`, so no
 * browser or shared cache keeps a case, a hit or an audit entry after the session ends.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
    // The console's hashed files (/assets/) and the documentation's carry no case data and may be cached.
    if (!request.url.startsWith('/docs/') && !request.url.startsWith('/assets/')) void reply.header('cache-control', 'no-store');
  });
}
