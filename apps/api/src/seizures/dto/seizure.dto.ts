import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsLatitude, IsLongitude, IsNotEmpty, IsNumber, IsOptional,
  IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, IsObject, ValidateNested,
} from 'class-validator';
import { STATS_GROUPINGS, type StatsGrouping } from '../../../../../libs/seizures/stats-rules';
import { TRACE_PRIORITIES, TRACE_STATUSES, TracePriority } from '../../../../../libs/seizures/trace-rules';
import { IsAfter, IsPastDate, IsPastTimestamp, IsTimestamp } from '../../common/validators';

const text = (max: number) => [IsOptional(), IsString(), IsNotEmpty(), MaxLength(max)];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

export class SeizureFirearmDto {
  @IsString() @IsNotEmpty() @MaxLength(60) serialNumber!: string;
  @IsOptional() @IsBoolean() serialObliterated?: boolean;
  @apply(text(2000)) obliterationNotes?: string;
  @apply(text(100)) make?: string;
  @apply(text(100)) model?: string;
  @apply(text(200)) importer?: string;
  /** As written on the weapon or the report; recognised calibers are counted together, others are flagged. */
  @apply(text(40)) caliber?: string;
  @apply(text(40)) action?: string;
}

/**
 * With an id, completes a firearm already recorded (every field but its serial, which was deconflicted as recorded);
 * without one, adds a firearm found later (its serial is then required, and is deconflicted and kept on watch).
 */
export class SeizureFirearmPatchDto extends PartialType(SeizureFirearmDto) {
  @IsOptional() @IsUUID() id?: string;
}

export class LocationDto {
  @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLatitude() latitude!: number;
  @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLongitude() longitude!: number;
  @apply(text(500)) description?: string;
}

export class ArresteeDto {
  @IsString() @IsNotEmpty() @MaxLength(200) fullName!: string;
  /** Reference to the photograph in the agency's evidence system (never the image itself). */
  @apply(text(500)) photoRef?: string;
  @apply(text(500)) criminalHistoryRef?: string;
  /** Known or stated date of birth: the arrestee stays on watch as a person target, and a DOB grades its hits. */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date as YYYY-MM-DD' }) @IsPastDate()
  dateOfBirth?: string;
}

export class PointOfContactDto {
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsString() @IsNotEmpty() @MaxLength(20) agency!: string;
  @IsString() @Matches(/^\+?[0-9 ().-]{7,25}$/, { message: 'phone must be a phone number' }) phone!: string;
}

class SeizureFieldsDto {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LocationDto) location?: LocationDto;
  @apply(text(4000)) circumstances?: string;
  @apply(text(200)) finder?: string;
  @apply(text(200)) seizingOfficial?: string;
  @apply(text(200)) forensicProcessor?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => ArresteeDto) arrestees?: ArresteeDto[];
  /** Nobody was arrested: element 9 (arrestees) is then complete. */
  @IsOptional() @IsBoolean() noArrests?: boolean;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => PointOfContactDto)
  pointsOfContact?: PointOfContactDto[];
}

export class CreateSeizureDto extends SeizureFieldsDto {
  @IsPastTimestamp() seizedAt!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => SeizureFirearmDto)
  firearms!: SeizureFirearmDto[];
  @IsOptional() @IsUUID() caseId?: string;
}

export class PatchSeizureDto extends SeizureFieldsDto {
  @IsOptional() @IsPastTimestamp() seizedAt?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @IsObject({ each: true }) @Type(() => SeizureFirearmPatchDto)
  firearms?: SeizureFirearmPatchDto[];
}

export class ShareSeizureDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(20, { each: true }) agencies!: string[];
}

export class CreateTraceDto {
  @IsString() @IsNotEmpty() @MaxLength(60) serialNumber!: string;
  @IsIn(TRACE_PRIORITIES) priority!: TracePriority;
}

/** `POST /cases/:id/firearms/:firearmId/traces`: the route names the firearm, the body only how soon. */
export class CreateCaseFirearmTraceDto {
  @IsIn(TRACE_PRIORITIES) priority!: TracePriority;
}

export class TraceResultDto {
  @IsIn(['COMPLETED', 'UNSUCCESSFUL']) status!: 'COMPLETED' | 'UNSUCCESSFUL';
  @ValidateIf((r: TraceResultDto) => r.status === 'COMPLETED' || r.firstRetailDealer !== undefined)
  @IsString() @IsNotEmpty() @MaxLength(300) firstRetailDealer?: string;
  /** Two-letter state of the first retail sale (e.g. AZ, TX). */
  @ValidateIf((r: TraceResultDto) => r.status === 'COMPLETED' || r.sourceState !== undefined)
  @Matches(/^[A-Za-z]{2}$/, { message: 'sourceState must be a two-letter state code' }) sourceState?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'firstRetailSaleDate must be a date as YYYY-MM-DD' }) @IsPastDate()
  firstRetailSaleDate?: string;
  @ValidateIf((r: TraceResultDto) => r.status === 'UNSUCCESSFUL' || r.reason !== undefined)
  @IsString() @IsNotEmpty() @MaxLength(2000) reason?: string;
}

export class TraceQueryDto {
  @IsOptional() @IsIn([...TRACE_STATUSES, 'OVERDUE']) status?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(400) cursor?: string;
}

export class SeizureListQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(400) cursor?: string;
}

export class StatsQueryDto {
  @IsTimestamp() from!: string;
  @IsTimestamp() @IsAfter('from') to!: string;
  @IsIn(STATS_GROUPINGS) groupBy!: StatsGrouping;
}
