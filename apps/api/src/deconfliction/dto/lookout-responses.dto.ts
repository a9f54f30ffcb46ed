import { ApiProperty } from '@nestjs/swagger';

export class LookoutDto {
  id!: string;
  type!: string;
  value!: string;
  region!: string | null;
  /** PERSON lookouts: the date of birth watched for (null when not given, and for other kinds). */
  dateOfBirth!: string | null;
  note!: string | null;
  owner!: string;
  owningAgency!: string;
  expiresAt!: string | null;
  /** ACTIVE while it matches; EXPIRED past `expiresAt`; CANCELLED once its owner cancelled it. */
  @ApiProperty({ enum: ['ACTIVE', 'EXPIRED', 'CANCELLED'] })
  status!: string;
  active!: boolean;
  cancelledAt!: string | null;
  cancelledBy!: string | null;
  cancelReason!: string | null;
  createdAt!: string;
}

export class LookoutPageDto {
  items!: LookoutDto[];
  nextCursor!: string | null;
}
