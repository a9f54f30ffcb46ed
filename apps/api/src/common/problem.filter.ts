import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { constraintMessage, FieldError, Lang, pickLang, problem, Problem, render } from '../../../../libs/http/problem';
import { isConnectionFailure, isDataException } from '../../../../libs/db/sql-state';
import { ApiError } from './api-error';
import { M } from './messages';

interface Rendered { status: number; body: Problem; headers: Record<string, string> }

const localise = (errors: FieldError[], lang: Lang): FieldError[] =>
  errors.map(({ field, message, constraint, es }) => ({
    field,
    message: lang === 'es' && es ? es : constraint ? constraintMessage(constraint, message, lang) : message,
  }));

function isUnavailable(error: unknown): 'db' | 'db-busy' | 'temporal' | null {
  const e = error as { name?: string; message?: string } | null;
  // The pool waited connectionTimeoutMillis for a free connection: the server is overloaded, PostgreSQL is up.
  if (/timeout exceeded when trying to connect/i.test(e?.message ?? '')) return 'db-busy';
  if (isConnectionFailure(error)) return 'db';
  if (e?.name === 'ServiceError' || e?.name === 'TransportError') return 'temporal';
  return null;
}

/** Turns anything thrown while serving a request into problem+json; nothing a client sends yields a 500. */
export function renderError(error: unknown, request: FastifyRequest, logger: Logger): Rendered {
  const lang = pickLang(request.headers['accept-language']);
  if (error instanceof ApiError) {
    const body = problem(error.status, lang, render(error.detail, lang, error.params), {
      ...(error.extra.errors ? { errors: localise(error.extra.errors, lang) } : {}),
      ...(error.extra.body ?? {}),
    });
    return { status: error.status, body, headers: error.extra.headers ?? {} };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest re-throws fastify's body-parsing failures as HttpExceptions carrying fastify's status.
    const known: Record<number, [typeof M[keyof typeof M], Record<string, string | number>]> = {
      404: [M.routeNotFound, { method: request.method, path: request.url.split('?')[0] }],
      413: [M.bodyTooLarge, { limit: Number(process.env.BODY_LIMIT_BYTES ?? 1_048_576) }],
      415: [M.unsupportedMediaType, { type: String(request.headers['content-type'] ?? 'none') }],
    };
    if (status === 400 && /JSON|content-length/i.test(error.message)) known[400] = [M.malformedJson, {}];
    const detail = known[status] ? render(known[status][0], lang, known[status][1]) : error.message;
    return { status, body: problem(status, lang, detail), headers: {} };
  }
  // The router's own refusals (frameworkErrors in main.ts), before any route or Nest is involved.
  const code = (error as { code?: string } | null)?.code;
  if (code === 'FST_ERR_BAD_URL') {
    return { status: 400, body: problem(400, lang, render(M.badUrl, lang, { path: request.url.split('?')[0].slice(0, 200) })), headers: {} };
  }
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') return { status: 414, body: problem(414, lang, render(M.pathParamTooLong, lang)), headers: {} };
  const statusCode = (error as { statusCode?: number } | null)?.statusCode;
  if (statusCode && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, body: problem(statusCode, lang, (error as Error).message), headers: {} };
  }
  // A value PostgreSQL cannot store (SQLSTATE class 22); the transaction rolled back, so nothing was written.
  if (isDataException(error)) {
    return { status: 400, body: problem(400, lang, render(M.unstorableValue, lang)), headers: {} };
  }
  const unavailable = isUnavailable(error);
  if (unavailable) {
    logger.warn({ reqId: request.id, err: String(error) }, `${unavailable} unavailable`);
    const message = { db: M.databaseUnavailable, 'db-busy': M.databaseBusy, temporal: M.temporalUnavailable }[unavailable];
    return { status: 503, body: problem(503, lang, render(message, lang)), headers: { 'retry-after': '5' } };
  }
  logger.error({ reqId: request.id, err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, 'unhandled error');
  return { status: 500, body: problem(500, lang, render(M.internal, lang, { requestId: String(request.id) })), headers: {} };
}

export function sendProblem(reply: FastifyReply, rendered: Rendered): void {
  void reply.status(rendered.status).headers(rendered.headers).type('application/problem+json').send(rendered.body);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<FastifyReply>(), renderError(exception, http.getRequest<FastifyRequest>(), this.logger));
  }
}
