import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsLatitude, IsLongitude, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max,
  MaxLength, Min, ValidateIf,
} from 'class-validator';
import {
  IDENTIFIER_TYPES, IdentifierType, OPERATION_TYPES, OperationType, ORG_TYPES, OrgType,
} from '../../../../../libs/contracts/case-items';
import { IsAfter, IsPastDate, IsTimestamp, OnlyForKind } from '../../common/validators';
import {
  DistinctSubjectNames, MAX_ALIAS_LENGTH, MAX_MONIKER_LENGTH, MAX_SUBJECT_ALIASES, MAX_SUBJECT_MONIKERS,
} from './subject-names.validators';

/** One shape for both subject kinds; fields of the other kind are refused rather than silently kept. */
export class SubjectDto {
  @IsIn(['PERSON', 'ORGANIZATION'])
  kind!: 'PERSON' | 'ORGANIZATION';

  @ValidateIf((s: SubjectDto) => s.kind === 'PERSON' || s.fullName !== undefined)
  @OnlyForKind('PERSON') @IsString() @IsNotEmpty() @MaxLength(200)
  fullName?: string;

  @IsOptional() @OnlyForKind('PERSON') @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date as YYYY-MM-DD' })
  @IsPastDate()
  dateOfBirth?: string;

  @IsOptional() @OnlyForKind('PERSON') @IsString() @MaxLength(60)
  nationality?: string;

  @ValidateIf((s: SubjectDto) => s.kind === 'ORGANIZATION' || s.name !== undefined)
  @OnlyForKind('ORGANIZATION') @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;

  @ValidateIf((s: SubjectDto) => s.kind === 'ORGANIZATION' || s.orgType !== undefined)
  @OnlyForKind('ORGANIZATION') @IsIn(ORG_TYPES)
  orgType?: OrgType;

  /** Other full names the subject is known by (a person's other identities, an organization's trading or other names); each is deconflicted like the name. */
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_SUBJECT_ALIASES) @IsString({ each: true }) @IsNotEmpty({ each: true })
  @MaxLength(MAX_ALIAS_LENGTH, { each: true }) @DistinctSubjectNames(['fullName', 'name', 'monikers'])
  aliases?: string[];

  /** Street nicknames of a person (e.g. "El Flaco"); a moniker match alone is at most POSSIBLE unless a DOB or a strong identifier agrees. */
  @IsOptional() @OnlyForKind('PERSON') @IsArray() @ArrayMaxSize(MAX_SUBJECT_MONIKERS) @IsString({ each: true })
  @IsNotEmpty({ each: true }) @MaxLength(MAX_MONIKER_LENGTH, { each: true }) @DistinctSubjectNames(['fullName', 'aliases'])
  monikers?: string[];
}

export class IdentifierDto {
  @IsIn(IDENTIFIER_TYPES)
  type!: IdentifierType;

  @IsString() @IsNotEmpty() @MaxLength(300)
  value!: string;

  /** Issuing state or country of a plate, or the region a phone number is dialled from (e.g. US-AZ, MX-SON). */
  @IsOptional() @IsString() @MaxLength(20)
  region?: string;
}

export class FirearmDto {
  @IsString() @IsNotEmpty() @MaxLength(60)
  serialNumber!: string;

  @IsOptional() @IsBoolean()
  serialObliterated?: boolean;

  @IsOptional() @IsString() @MaxLength(100) make?: string;
  @IsOptional() @IsString() @MaxLength(100) model?: string;
  @IsOptional() @IsString() @MaxLength(40) caliber?: string;
  @IsOptional() @IsString() @MaxLength(40) action?: string;
  @IsOptional() @IsString() @MaxLength(200) importer?: string;
}

export const MAX_OPERATION_RADIUS_METERS = 50_000;

export class OperationDto {
  @IsIn(OPERATION_TYPES)
  type!: OperationType;

  @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLatitude()
  latitude!: number;

  @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLongitude()
  longitude!: number;

  /** Area around the point that the operation covers; default 250 m, at most 50 km. */
  @IsOptional() @IsInt() @Min(1) @Max(MAX_OPERATION_RADIUS_METERS)
  radiusMeters?: number;

  @IsTimestamp()
  startsAt!: string;

  @IsTimestamp() @IsAfter('startsAt')
  endsAt!: string;
}
