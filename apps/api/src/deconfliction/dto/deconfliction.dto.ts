import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, IsObject, ValidateNested, Matches,
} from 'class-validator';
import { MATCH_TYPES, MatchType } from '../../../../../libs/deconfliction/match-keys';
import { PERSON_MATCH_TIERS, PersonMatchTier } from '../../../../../libs/deconfliction/person-tier-rules';
import { HIT_RESOLUTIONS, HIT_STATUSES, HitResolution, HitStatus } from '../../../../../libs/deconfliction/hit.repository';
import { FirearmDto, IdentifierDto, OperationDto, SubjectDto } from '../../cases/dto/case-items.dto';
import { IsAfter, IsTimestamp } from '../../common/validators';

const MAX_CHECK_ITEMS = 50;
export const CLAIMED_FILTERS = ['me', 'none'] as const;

export class ResolveHitDto {
  @IsIn(HIT_RESOLUTIONS)
  resolution!: HitResolution;

  /** Coordination notes: who was called, what was agreed. */
  @IsString() @IsNotEmpty() @MaxLength(4000)
  note!: string;

  /** DEFER only, and then required: which of the hit's two cases defers to the other (issue 17). */
  @IsOptional() @IsUUID('all')
  deferringCaseId?: string;
}

export class HitQueueQueryDto {
  @IsOptional() @IsIn(HIT_STATUSES)
  status?: HitStatus;

  @IsOptional() @IsIn(MATCH_TYPES)
  matchType?: MatchType;

  /** Person hits of this tier (issue 16). */
  @IsOptional() @IsIn(PERSON_MATCH_TIERS)
  tier?: PersonMatchTier;

  /** Hits where either side is this agency (issue 17). */
  @IsOptional() @IsString() @Matches(/^[A-Z]{2,12}$/)
  agency?: string;

  /** `me`: hits the caller holds; `none`: hits no one holds. */
  @IsOptional() @IsIn(CLAIMED_FILTERS)
  claimed?: (typeof CLAIMED_FILTERS)[number];

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

/** Values to check against every case and lookout without storing them. */
export class CheckDto {
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CHECK_ITEMS) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => SubjectDto)
  subjects?: SubjectDto[];

  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CHECK_ITEMS) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => IdentifierDto)
  identifiers?: IdentifierDto[];

  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CHECK_ITEMS) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => FirearmDto)
  firearms?: FirearmDto[];

  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CHECK_ITEMS) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => OperationDto)
  operations?: OperationDto[];
}

export const CHECK_DIRECTIONS = ['MADE', 'RECEIVED'] as const;

/** `GET /deconfliction/checks`: MADE by the caller's agency, RECEIVED from other agencies on its items; both by default. */
export class CheckListQueryDto {
  @IsOptional() @IsIn(CHECK_DIRECTIONS)
  direction?: (typeof CHECK_DIRECTIONS)[number];

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

/** `GET /deconfliction/operations`: operations whose window overlaps [from, to). */
export class OperationsMapQueryDto {
  @IsTimestamp()
  from!: string;

  @IsTimestamp() @IsAfter('from')
  to!: string;
}
