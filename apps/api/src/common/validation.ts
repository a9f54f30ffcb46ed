import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '../../../../libs/http/problem';
import { ApiError } from './api-error';
import { M } from './messages';

/** The most basic failure explains the others (a missing field also fails its length and type checks). */
const PRIORITY = ['whitelistValidation', 'isDefined', 'isString', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isIn', 'isEnum'];

function pickConstraint(error: ValidationError): [string, string] {
  const constraints = error.constraints ?? {};
  if (error.value === undefined && !('whitelistValidation' in constraints)) return ['isDefined', `${error.property} is required`];
  const key = PRIORITY.find((k) => k in constraints) ?? Object.keys(constraints)[0];
  return [key, constraints[key]];
}

/** Flattens class-validator's tree into `subjects[0].fullName`-style paths, one entry per bad field. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints && Object.keys(error.constraints).length > 0) {
      const [constraint, message] = pickConstraint(error);
      out.push({ field: path, message, constraint });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      return new ApiError('ValidationFailed', M.validation, { count: fieldErrors.length }, { errors: fieldErrors });
    },
  });
}
