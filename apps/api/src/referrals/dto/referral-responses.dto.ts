import { ApiProperty } from '@nestjs/swagger';

export class ReferralHistoryEntryDto {
  status!: string;
  action!: string;
  actor!: string;
  agency!: string | null;
  at!: string;
  note?: string;
}

/** A disclosed person (fullName, dateOfBirth, nationality) or organization (name, orgType), as the case shows it. */
export class PacketSubjectDto {
  id!: string;
  kind!: string;
  fullName?: string | null;
  dateOfBirth?: string | null;
  nationality?: string | null;
  name?: string | null;
  orgType?: string | null;
}

export class PacketIdentifierDto {
  id!: string;
  type!: string;
  value!: string;
  region!: string | null;
}

export class PacketFirearmDto {
  id!: string;
  serialNumber!: string;
  serialObliterated!: boolean;
  make!: string | null;
  model!: string | null;
  caliber!: string | null;
  action!: string | null;
  importer!: string | null;
}

export class PacketOperationDto {
  id!: string;
  type!: string;
  latitude!: number;
  longitude!: number;
  radiusMeters!: number;
  startsAt!: string;
  endsAt!: string;
}

/**
 * The case items disclosed with a referral (and, for rules R1 and R4, the case's port of entry). Item DTOs of their
 * own: the case's import this file (a case lists its referrals), so importing theirs would be circular.
 */
export class ReferralPacketDto {
  portOfEntry?: string;
  subjects!: PacketSubjectDto[];
  identifiers!: PacketIdentifierDto[];
  firearms!: PacketFirearmDto[];
  operations!: PacketOperationDto[];
}

/** Whom the receiving officer calls: the agent who opened the referral, or for a rule's the case's lead agent. */
export class ReferralSenderDto {
  name!: string;
  agency!: string;
  phone!: string | null;
}

/**
 * A referral: the pointer to the sender's case, the facts the rule saw (none for a manual one), and where it is read
 * one by one or in the inbox, the packet the sender disclosed and the sender's contact; never the rest of the case.
 */
export class ReferralDto {
  id!: string;
  caseId!: string;
  caseNumber!: string;
  fromAgency!: string;
  toAgency!: string;
  kind!: string;
  /** R1-R4, or null for a referral a case agent opened (kind MANUAL). */
  rule!: string | null;
  /** A rule's reason in the caller's language (Accept-Language); a manual referral's as the sender wrote it. */
  reason!: string;
  /** The facts behind the rule (counts and flags), per rule. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  facts!: Record<string, unknown>;
  status!: string;
  dueAt!: string | null;
  history!: ReferralHistoryEntryDto[];
  createdAt!: string;
  /**
   * Its workflow has not started yet (a moment after it is sent, longer while Temporal is away): no step can be taken
   * (503 with Retry-After), and the receiving agency's inbox lists it once it can.
   */
  starting!: boolean;
  packet?: ReferralPacketDto;
  sender?: ReferralSenderDto | null;
}

export class ReferralListDto {
  items!: ReferralDto[];
  /** The inbox pages; a case's referrals come whole. */
  nextCursor?: string | null;
}
