import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyService, IdempotentOutcome } from './idempotency.service';

/** The request's Idempotency-Key, checked (400 on `Idempotency-Key` when malformed); undefined when none was sent. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const raw = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  return IdempotencyService.checkKey(Array.isArray(raw) ? raw.join(', ') : raw);
});

/** Documents the header on a route that honours it (OpenAPI). */
export const ApiIdempotencyKey = (): MethodDecorator =>
  ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key + same body returns the first result.' });

/** Answers with an idempotent outcome: its status, and `Idempotent-Replayed: true` when it is an earlier request's answer. */
export function sendOutcome(reply: FastifyReply, outcome: IdempotentOutcome): Record<string, unknown> {
  void reply.status(outcome.status);
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  return outcome.body;
}
