import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBase64, IsObject, IsOptional, ValidateNested } from 'class-validator';

/** A Temporal payload in proto3 JSON: metadata values and data are base64. */
export class CodecPayloadDto {
  @ApiProperty({ required: false, type: Object, additionalProperties: { type: 'string', format: 'byte' } })
  @IsOptional() @IsObject() metadata?: Record<string, string>;
  @IsOptional() @IsBase64() data?: string;
}

/** The codec-server protocol's body, asked and answered: `{ payloads: [...] }`. */
export class CodecPayloadsDto {
  @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => CodecPayloadDto) payloads!: CodecPayloadDto[];
}
