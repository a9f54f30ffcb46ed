import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class EnrolmentDto {
  /** Base32; for typing into an app that cannot scan the QR code. */
  secret!: string;
  /** otpauth://totp/... (RFC 6238 parameters: SHA-1, 6 digits, 30 s). */
  otpauthUri!: string;
  /** The same URI as a PNG QR code (data: URL). */
  qrCodeDataUrl!: string;
}

export class ConfirmEnrolmentDto {
  /** A current 6-digit code from the app that scanned the secret. */
  @IsString() @IsNotEmpty() @MaxLength(10)
  code!: string;
}

export class RecoveryCodesDto {
  /** Shown once, kept only as hashes: each signs in once instead of a code from the app. */
  @ApiProperty({ type: [String] })
  recoveryCodes!: string[];
}

export class ChangePasswordDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  currentPassword!: string;

  /** At least 12 characters, not a common password (NIST SP 800-63B); any characters, no composition rules. */
  @IsString() @IsNotEmpty() @MaxLength(400)
  newPassword!: string;
}

export class PasswordChangedDto {
  /** The step this session is still held at (a second factor to enrol), or null: a full session. */
  @ApiProperty({ nullable: true, type: String, enum: ['ENROL_SECOND_FACTOR'] })
  pendingStep!: 'ENROL_SECOND_FACTOR' | null;
}
