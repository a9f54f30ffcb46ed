import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { ROLES } from '../../../../../libs/auth/roles';

const AGENCY_CODE = /^[A-Z][A-Z0-9_-]{1,19}$/;
const PHONE = /^\+?[0-9 ().-]{7,25}$/;

export class ListUsersQueryDto {
  @IsOptional() @IsString() @Matches(AGENCY_CODE, { message: 'agency must be an agency code' })
  agency?: string;

  @IsOptional() @IsIn(ROLES)
  role?: string;

  @IsOptional() @IsIn(['ACTIVE', 'DISABLED'])
  status?: 'ACTIVE' | 'DISABLED';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(400)
  cursor?: string;
}

export class CreateUserDto {
  @IsString() @Matches(/^[a-z0-9][a-z0-9._-]{1,63}$/, { message: 'username must be 2 to 64 of a-z, 0-9, dot, dash, underscore' })
  username!: string;

  @IsString() @Matches(AGENCY_CODE, { message: 'agency must be an agency code' })
  agency!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @ArrayUnique() @IsIn(ROLES, { each: true })
  roles!: string[];

  @IsString() @IsNotEmpty() @MaxLength(200)
  fullName!: string;

  @IsOptional() @IsString() @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string;

  /** A first password the user must replace at first login; the password policy applies. */
  @IsString() @IsNotEmpty() @MaxLength(400)
  password!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @ArrayUnique() @IsIn(ROLES, { each: true })
  roles?: string[];

  @IsOptional() @IsString() @Matches(AGENCY_CODE, { message: 'agency must be an agency code' })
  agency?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @IsString() @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string | null;
}

export class ResetPasswordDto {
  /** A temporary password, told to the user out of band; they must set their own at next login. */
  @IsString() @IsNotEmpty() @MaxLength(400)
  temporaryPassword!: string;
}

export class AdminUserDto {
  id!: string;
  username!: string;
  fullName!: string;
  agency!: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  roles!: string[];
  @ApiProperty({ nullable: true, type: String })
  phone!: string | null;
  @ApiProperty({ enum: ['ACTIVE', 'DISABLED'] })
  status!: 'ACTIVE' | 'DISABLED';
  secondFactor!: boolean;
  mustChangePassword!: boolean;
  createdAt!: string;
  updatedAt!: string;
}

export class AdminUserListDto {
  @ApiProperty({ type: [AdminUserDto] })
  items!: AdminUserDto[];
  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

export class SessionDto {
  id!: string;
  createdAt!: string;
  lastSeenAt!: string;
  expiresAt!: string;
  @ApiProperty({ nullable: true, type: String })
  ip!: string | null;
  /** Null for a full session; ENROL_SECOND_FACTOR or CHANGE_PASSWORD for one held at that step. */
  @ApiProperty({ nullable: true, type: String })
  scope!: string | null;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionDto] })
  items!: SessionDto[];
}
