import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { fieldError } from './api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!UUID.test(value)) throw fieldError(metadata.data ?? 'id', 'must be a UUID', 'debe ser un UUID');
    return value.toLowerCase();
  }
}
