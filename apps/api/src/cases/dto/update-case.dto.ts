import { Type } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

/** Present (even null) means "check it"; only a field left out is skipped. null is refused where it means nothing. */
const IfSent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Each flag sent replaces the case's; null or false clears it, as does an empty port of entry. Flags not sent stay. */
export class UpdateCaseFlagsDto {
  @ApiPropertyOptional({ nullable: true, maxLength: 120 })
  @IsOptional() @IsString() @MaxLength(120)
  portOfEntry?: string | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsBoolean() cartelLink?: boolean | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsBoolean() domesticSale?: boolean | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsBoolean() exportSmuggling?: boolean | null;
}

/** PATCH /cases/:id: at least one field; each one sent is set, the others stay as they are. */
export class UpdateCaseDto {
  @IfSent() @IsString() @IsNotEmpty() @MaxLength(200)
  title?: string;

  /** null or an empty text removes the summary. */
  @ApiPropertyOptional({ nullable: true, maxLength: 10_000 })
  @IsOptional() @IsString() @MaxLength(10_000)
  summary?: string | null;

  @IfSent() @IsObject() @ValidateNested() @Type(() => UpdateCaseFlagsDto)
  flags?: UpdateCaseFlagsDto;

  /** The username of a case agent of the owning agency. */
  @IfSent() @IsString() @IsNotEmpty() @MaxLength(100)
  leadAgent?: string;
}
