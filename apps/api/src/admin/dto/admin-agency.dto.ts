import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AGENCY_KINDS, COUNTRIES } from '../../../../../libs/auth/agency-admin.repository';

const PHONE = /^\+?[0-9 ().-]{7,25}$/;

export class CreateAgencyDto {
  /** Upper-case letters, digits, dash or underscore; used everywhere else (cases, users, shares) and never changes. */
  @IsString() @Matches(/^[A-Z][A-Z0-9_-]{1,19}$/, { message: 'code must be 2 to 20 of A-Z, 0-9, dash, underscore, starting with a letter' })
  code!: string;

  @IsString() @IsNotEmpty() @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: COUNTRIES })
  @IsIn(COUNTRIES)
  country!: 'US' | 'MX' | 'CA';

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS)
  kind!: 'FEDERAL' | 'STATE' | 'LOCAL' | 'FOREIGN_PARTNER';
}

export class UpdateAgencyDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: COUNTRIES })
  @IsOptional() @IsIn(COUNTRIES)
  country?: 'US' | 'MX' | 'CA';

  @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @IsOptional() @IsIn(AGENCY_KINDS)
  kind?: 'FEDERAL' | 'STATE' | 'LOCAL' | 'FOREIGN_PARTNER';
}

export class ContactPointFieldsDto {
  /** What the point is for, e.g. "Duty officer", "Liaison office". */
  @IsString() @IsNotEmpty() @MaxLength(100)
  label!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @IsString() @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string | null;
}

/** Any of a contact point's fields; those given are checked as when it was added. */
export class UpdateContactPointDto extends PartialType(ContactPointFieldsDto) {}

export class ContactPointDto {
  id!: string;
  label!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  createdAt!: string;
}

export class AdminAgencyDto {
  code!: string;
  name!: string;
  @ApiProperty({ enum: COUNTRIES }) country!: string;
  @ApiProperty({ enum: AGENCY_KINDS }) kind!: string;
  @ApiProperty({ enum: ['ACTIVE', 'RETIRED'] }) status!: 'ACTIVE' | 'RETIRED';
  @ApiProperty({ nullable: true, type: String }) retiredAt!: string | null;
  /** How many user accounts belong to it. */
  users!: number;
}

export class AdminAgencyDetailDto extends AdminAgencyDto {
  @ApiProperty({ type: [ContactPointDto] })
  contactPoints!: ContactPointDto[];
}

export class AdminAgencyListDto {
  @ApiProperty({ type: [AdminAgencyDto] })
  items!: AdminAgencyDto[];
}
