import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsTimestamp } from '../../common/validators';

export class AuditQueryDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) entityId?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) actor?: string;
  @IsOptional() @IsTimestamp() from?: string;
  @IsOptional() @IsTimestamp() to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @IsOptional() @Matches(/^\d{1,18}$/, { message: 'cursor is not a cursor this API issued' }) cursor?: string;
}
