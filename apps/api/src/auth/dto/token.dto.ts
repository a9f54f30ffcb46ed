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
}
