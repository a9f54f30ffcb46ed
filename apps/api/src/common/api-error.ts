import type { FieldError, Message } from '../../../../libs/http/problem';
import { M } from './messages';

export const ErrorCode = {
  ValidationFailed: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  IdempotencyKeyReused: 422,
  TooManyRequests: 429,
  Unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ErrorCode;

/** The one error type services throw; the global filter renders it as problem+json in the caller's language. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: Message,
    readonly params: Record<string, string | number> = {},
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; body?: Record<string, unknown> } = {},
  ) {
    super(detail.en);
  }

  get status(): number {
    return ErrorCode[this.code];
  }
}

export const fieldError = (field: string, en: string, es: string): ApiError =>
  new ApiError('ValidationFailed', { en: `${field}: ${en}`, es: `${field}: ${es}` }, {}, {
    errors: [{ field, message: en, es }],
  });

/** Several bad fields found by a service (after the DTO checks passed): one `errors` entry each. */
export function fieldErrors(problems: { field: string; en: string; es: string }[]): ApiError {
  if (problems.length === 1) return fieldError(problems[0].field, problems[0].en, problems[0].es);
  return new ApiError('ValidationFailed', M.validation, { count: problems.length }, {
    errors: problems.map((p) => ({ field: p.field, message: p.en, es: p.es })),
  });
}
