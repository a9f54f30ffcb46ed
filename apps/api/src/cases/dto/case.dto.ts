import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, Max, Min, IsObject, IsOptional, IsString, MaxLength, MinLength,
  ValidateNested,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_CATEGORIES, CASE_STATUSES, CaseCategory, CaseStatus } from '../../../../../libs/contracts/case-items';
import { CASE_RESULTS, CaseResult } from '../../../../../libs/seizures/trace-rules';
import { FirearmDto, IdentifierDto, OperationDto, SubjectDto } from './case-items.dto';

export const MAX_ITEMS_PER_REQUEST = 200;

export class CaseFlagsDto {
  /** The port of entry involved (e.g. "Nogales, AZ"); its presence routes interdiction to the port-of-entry agency. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120)
  portOfEntry?: string;

  @IsOptional() @IsBoolean() cartelLink?: boolean;
  @IsOptional() @IsBoolean() domesticSale?: boolean;
  @IsOptional() @IsBoolean() exportSmuggling?: boolean;
}

export class CreateCaseDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  title!: string;

  @IsOptional() @IsString() @MaxLength(10_000)
  summary?: string;

  @IsIn(CASE_CATEGORIES)
  category!: CaseCategory;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => CaseFlagsDto)
  flags?: CaseFlagsDto;

  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS_PER_REQUEST) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => SubjectDto)
  subjects?: SubjectDto[];

  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS_PER_REQUEST) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => IdentifierDto)
  identifiers?: IdentifierDto[];

  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS_PER_REQUEST) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => FirearmDto)
  firearms?: FirearmDto[];

  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ITEMS_PER_REQUEST) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => OperationDto)
  operations?: OperationDto[];
}

export class AppendSubjectsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITEMS_PER_REQUEST) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => SubjectDto)
  subjects!: SubjectDto[];
}

export class AppendIdentifiersDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITEMS_PER_REQUEST) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => IdentifierDto)
  identifiers!: IdentifierDto[];
}

export class AppendFirearmsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITEMS_PER_REQUEST) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => FirearmDto)
  firearms!: FirearmDto[];
}

export class AppendOperationsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_ITEMS_PER_REQUEST) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => OperationDto)
  operations!: OperationDto[];
}

export class CloseCaseDto {
  /** How the case ended, in the agency's words (e.g. "indictment returned", "referred to PGR"). */
  @IsString() @IsNotEmpty() @MaxLength(2000)
  outcome!: string;

  /** The countable result (README, Statistics: which results are fruitful investigations and successful prosecutions). */
  @IsOptional() @IsIn(CASE_RESULTS)
  result?: CaseResult;
}

export class ShareCaseDto {
  @IsString() @IsNotEmpty() @MaxLength(20)
  agency!: string;

  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}

const QUERY_FLAGS = ['true', 'false'] as const;
type QueryFlag = (typeof QUERY_FLAGS)[number];

export const CASE_LIST_SCOPES = ['own', 'shared', 'all'] as const;
export type CaseListScope = (typeof CASE_LIST_SCOPES)[number];

export class ListCasesQueryDto {
  /**
   * `own`: the caller's agency's cases (the default, as before); `shared`: other agencies' cases shared with the
   * caller's agency (by a grant or an accepted referral, which grants one); `all`: both.
   */
  @ApiPropertyOptional({ enum: CASE_LIST_SCOPES, default: 'own' })
  @IsOptional() @IsIn(CASE_LIST_SCOPES)
  scope?: CaseListScope;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional() @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: CASE_CATEGORIES })
  @IsOptional() @IsIn(CASE_CATEGORIES)
  category?: CaseCategory;

  /** `true`: only cases with a deconfliction hit not yet resolved; `false`: only cases without one. */
  @ApiPropertyOptional({ enum: QUERY_FLAGS })
  @IsOptional() @IsIn(QUERY_FLAGS)
  openHits?: QueryFlag;

  /** `true`: only cases with a referral not yet in a final state; `false`: only cases without one. */
  @ApiPropertyOptional({ enum: QUERY_FLAGS })
  @IsOptional() @IsIn(QUERY_FLAGS)
  openReferrals?: QueryFlag;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

export class SearchCasesQueryDto {
  /** Words of the number, title or summary, a subject's name in any order and with or without accents, or an identifier written any way. */
  @ApiProperty({ minLength: 2, maxLength: 200 })
  @IsString() @MinLength(2) @MaxLength(200)
  q!: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

export class CaseCreatedDto {
  id!: string;
  caseNumber!: string;
  status!: CaseStatus;
  owningAgency!: string;
  workflowId!: string;
}
