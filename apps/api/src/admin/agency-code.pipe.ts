import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { fieldError } from '../common/api-error';

const AGENCY_CODE = /^[A-Z][A-Z0-9_-]{1,19}$/;

/** An agency code in a path: upper-case letters, digits, dash or underscore (400 otherwise, before any query). */
@Injectable()
export class AgencyCodeParam implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!AGENCY_CODE.test(value)) throw fieldError(metadata.data ?? 'code', 'must be an agency code (A-Z, 0-9, dash, underscore)', 'debe ser un código de agencia (A-Z, 0-9, guion, guion bajo)');
    return value;
  }
}
