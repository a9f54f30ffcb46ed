import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';

/**
 * For routes that take no fields: an absent or empty body passes, any field is refused (400), as unknown fields are
 * everywhere else (class-validator cannot say this of a DTO without properties).
 */
@Injectable()
export class NoBodyPipe implements PipeTransform {
  transform(body: unknown): undefined {
    if (body === undefined || body === null) return undefined;
    const fields = typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : ['(body)'];
    if (fields.length === 0) return undefined;
    throw new ApiError('ValidationFailed', M.validation, { count: fields.length }, {
      errors: fields.map((field) => ({ field, message: `property ${field} should not exist`, constraint: 'whitelistValidation' })),
    });
  }
}
