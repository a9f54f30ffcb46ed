import 'reflect-metadata';
import { ConsoleLogger, Logger, UnsupportedMediaTypeException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import pino from 'pino';
import { loadConfig } from '../../../libs/config/config';
import { loadEdgeConfig } from '../../../libs/config/edge-config';
import { AppModule } from './app.module';
import { ProblemFilter, renderError, sendProblem } from './common/problem.filter';
import { checkJsonValue } from './common/body-guard';
import { registerConsole } from './common/console-assets';
import { registerSecurityHeaders, requestIdFor } from './common/edge-hardening';
import { createValidationPipe } from './common/validation';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const edge = loadEdgeConfig();
  const errorLogger = new Logger('http');
  const adapter = new FastifyAdapter({
    // The router refuses malformed paths itself (a bad percent-escape, an over-long parameter): in problem+json too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, renderError(error, request, errorLogger)),
    loggerInstance: pino({ name: 'api', level: config.logLevel }),
    bodyLimit: config.bodyLimitBytes,
    // The header is read by requestIdFor, which keeps it only when it is a short safe token.
    requestIdHeader: false,
    genReqId: requestIdFor,
    trustProxy: edge.trustProxy,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: new ConsoleLogger({ json: true, logLevels: ['log', 'warn', 'error', 'fatal'] }),
  });
  await registerSecurityHeaders(app);
  await registerConsole(app);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => { void reply.header('x-request-id', request.id); });
  // The API speaks JSON only: a body of any other type is refused before parsing (fastify would accept text/plain).
  fastify.addHook('onRequest', async (request, reply) => {
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (!hasBody || !['POST', 'PUT', 'PATCH'].includes(request.method)) return;
    const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)) return;
    sendProblem(reply, renderError(new UnsupportedMediaTypeException(), request, errorLogger));
    return reply;
  });

  fastify.addHook('preValidation', async (request, reply) => {
    try {
      checkJsonValue(request.body, '');
      checkJsonValue(request.params, '');
      checkJsonValue(request.query, '');
    } catch (error) {
      sendProblem(reply, renderError(error, request, errorLogger));
      return reply;
    }
  });

  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('Case coordination engine')
    .setDescription('Cases, deconfliction, referrals, meetings, seizures and audit for cross-border arms and drug trafficking cases.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  // Loopback unless HOST says otherwise: a development server is not reachable from the network by accident.
  await app.listen({ port: config.port, host: edge.host });
  new Logger('api').log(`listening on ${edge.host}:${config.port}`);
}

bootstrap().catch((error: Error) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'api failed to start', err: String(error.stack ?? error) }));
  process.exit(1);
});
