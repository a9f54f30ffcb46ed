import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class TokenRequestDto {
  @IsString() @IsNotEmpty() @MaxLength(100)
  username!: string;

  @IsString() @IsNotEmpty() @MaxLength(200)
  password!: string;
}

export class TokenUserDto {
  username!: string;
  agency!: string;
  roles!: string[];
}

export class TokenResponseDto {
  accessToken!: string;
  /** Seconds until the token expires. */
  expiresIn!: number;
  user!: TokenUserDto;
  /**
   * Set when this session may only take one step first: change the password (after an administrator's reset) or
   * enrol a second factor (a role that requires one). Every other route answers 403 until then.
   */
  @ApiPropertyOptional({ enum: ['CHANGE_PASSWORD', 'ENROL_SECOND_FACTOR'] })
  pendingStep?: 'CHANGE_PASSWORD' | 'ENROL_SECOND_FACTOR';
}

/** 202 to a right password of a user with a second factor: send the challenge and a code to /auth/token/second-factor. */
export class LoginChallengeDto {
  challenge!: string;
  /** Seconds the challenge stays valid. */
  expiresIn!: number;
  @ApiProperty({ enum: ['SECOND_FACTOR'] })
  next!: 'SECOND_FACTOR';
}

export class SecondFactorRequestDto {
  @IsString() @IsNotEmpty() @MaxLength(2000)
  challenge!: string;

  /** The 6-digit code of the authenticator app, or one of the recovery codes (`XXXXX-XXXXX`). */
  @IsString() @IsNotEmpty() @MaxLength(20)
  code!: string;
}

export class SecondFactorTokenResponseDto extends TokenResponseDto {
  /** After a recovery code: how many unused ones are left. */
  recoveryCodesLeft?: number;
}
