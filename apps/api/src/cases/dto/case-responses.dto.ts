import { ApiProperty } from '@nestjs/swagger';
import { ReferralDto } from '../../referrals/dto/referral-responses.dto';

export class CaseSummaryDto {
  id!: string;
  caseNumber!: string;
  title!: string;
  category!: string;
  status!: string;
  owningAgency!: string;
  createdAt!: string | null;
  updatedAt!: string | null;
}

export class CasePageDto {
  items!: CaseSummaryDto[];
  nextCursor!: string | null;
}

export class LeadAgentDto {
  username!: string;
  fullName!: string;
  phone!: string | null;
}

/** A person (fullName, dateOfBirth, nationality) or an organization (name, orgType). */
export class CaseSubjectDto {
  id!: string;
  kind!: string;
  fullName?: string;
  dateOfBirth?: string | null;
  nationality?: string | null;
  name?: string;
  orgType?: string | null;
  /** Other full names the subject is known by (issue 21). */
  aliases?: string[];
  /** Street nicknames (persons only). */
  monikers?: string[];
}

export class CaseIdentifierDto {
  id!: string;
  type!: string;
  value!: string;
  region!: string | null;
}

export class CaseFirearmDto {
  id!: string;
  serialNumber!: string | null;
  serialObliterated!: boolean;
  make!: string | null;
  model!: string | null;
  caliber!: string | null;
  action!: string | null;
  importer!: string | null;
}

export class CaseOperationDto {
  id!: string;
  type!: string;
  latitude!: number;
  longitude!: number;
  radiusMeters!: number | null;
  startsAt!: string | null;
  endsAt!: string | null;
}

export class CaseShareDto {
  agency!: string;
  reason!: string | null;
  grantedBy!: string;
  grantedAt!: string | null;
}

/** The whole case, for the owning agency or one it shares with; only the owner sees `shares`. */
export class CaseDetailDto {
  id!: string;
  caseNumber!: string;
  title!: string;
  summary!: string | null;
  category!: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  flags!: Record<string, unknown>;
  status!: string;
  outcome!: string | null;
  result!: string | null;
  owningAgency!: string;
  @ApiProperty({ type: () => LeadAgentDto, nullable: true })
  leadAgent!: LeadAgentDto | null;
  workflowId!: string;
  access!: 'OWNER' | 'SHARED';
  subjects!: CaseSubjectDto[];
  identifiers!: CaseIdentifierDto[];
  firearms!: CaseFirearmDto[];
  operations!: CaseOperationDto[];
  shares?: CaseShareDto[];
  createdAt!: string | null;
  updatedAt!: string | null;
  closedAt!: string | null;
  openHits!: number;
  referrals!: ReferralDto[];
}

export class CaseItemsAddedDto {
  caseId!: string;
  kind!: string;
  added!: number;
  itemIds!: string[];
}

export class CaseSharedDto {
  caseId!: string;
  agency!: string;
  reason!: string | null;
  grantedBy!: string;
  grantedAt!: string;
}

export class CaseClosedDto {
  caseId!: string;
  status!: string;
  outcome!: string;
  result!: string | null;
  closedAt!: string;
}
