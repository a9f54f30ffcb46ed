import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, Max, Min, IsObject, IsOptional, IsString, MaxLength, ValidateNested,
} from 'class-validator';
import { CASE_CATEGORIES, CaseCategory, CaseStatus } from '../../../../../libs/contracts/case-items';
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

export class ListCasesQueryDto {
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
