import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested,
} from 'class-validator';

/** The case items to disclose with the referral, by kind: ids of items of the case being referred. */
export class ReferralPacketRequestDto {
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  subjects?: string[];

  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  identifiers?: string[];

  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  firearms?: string[];

  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  operations?: string[];
}

export class CreateReferralDto {
  /** An agency code of `GET /agencies` (US, Mexican or Canadian), never the case's own agency. */
  @IsString() @IsNotEmpty() @MaxLength(20)
  toAgency!: string;

  /** Why this agency should act, in the sender's words (shown as entered, in every language). */
  @IsString() @IsNotEmpty() @MaxLength(4000)
  reason!: string;

  /** What the receiving agency may read before it accepts; nothing else of the case is disclosed until then. */
  @IsObject() @ValidateNested() @Type(() => ReferralPacketRequestDto)
  packet!: ReferralPacketRequestDto;
}

export class WithdrawReferralDto {
  /** Required: the receiving agency is told why the referral was taken back. */
  @IsString() @IsNotEmpty() @MaxLength(4000)
  reason!: string;
}
