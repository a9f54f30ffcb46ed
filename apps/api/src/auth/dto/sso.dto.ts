import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { TokenResponseDto } from './token.dto';

export class SsoIssuerDto {
  /** Used in `/auth/sso/{name}/start`. */
  name!: string;
  label!: string;
}

export class SsoIssuersResponseDto {
  items!: SsoIssuerDto[];
}

export class SsoSessionRequestDto {
  /** The one-time code the callback put in the console's address. */
  @IsString() @IsNotEmpty() @MaxLength(100) @Matches(/^[A-Za-z0-9_-]+$/)
  handoff!: string;
}

export class SsoSessionResponseDto extends TokenResponseDto {
  /** The console path the user was on when sign-in began. */
  returnTo!: string;
}
