import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** dist/web beside the compiled API (dist/apps/api/src/common), unless WEB_ROOT names another build. */
export function consoleRoot(): string {
  return process.env.WEB_ROOT ?? path.resolve(__dirname, '../../../../web');
}

/**
 * Paths a browser may open directly that are the API's own pages, not the console's (single sign-on's start and
 * callback are navigations: they redirect to the provider and back).
 */
const API_PAGES = /^\/(docs|docs-json|health|auth\/sso)(\/|$|\?)/;

/**
 * The console is served from the API's own origin. Its hashed files under /assets/ are cached for good (a new build
 * has new names); any page a browser navigates to (a bookmark of /cases/<id>, a reload) gets the console's
 * index.html, which then draws that page. Everything else, including fetches of the same paths, reaches the API:
 * the console and the API share paths and are told apart by what the browser asks for (a document, or JSON).
 */
export async function registerConsole(app: NestFastifyApplication): Promise<void> {
  const root = consoleRoot();
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('console').warn(`no console build at ${root}; run npm run build`);
    return;
  }
  const indexHtml = readFileSync(indexFile, 'utf8');
  await app.register(fastifyStatic, {
    root: path.join(root, 'assets'), prefix: '/assets/', immutable: true, maxAge: '365d', index: false, decorateReply: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (!wantsDocument(request.headers) || API_PAGES.test(request.url) || request.url.startsWith('/assets/')) return;
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(indexHtml);
    return reply;
  });
}

function wantsDocument(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['sec-fetch-mode'] === 'navigate') return true;
  const accept = String(headers.accept ?? '');
  return accept.startsWith('text/html');
}
