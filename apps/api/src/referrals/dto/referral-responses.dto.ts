import { ApiProperty } from '@nestjs/swagger';

export class ReferralHistoryEntryDto {
  status!: string;
  action!: string;
  actor!: string;
  agency!: string | null;
  at!: string;
  note?: string;
}

/** A referral: the pointer to the sender's case and the facts the rule saw, never the case itself. */
export class ReferralDto {
  id!: string;
  caseId!: string;
  caseNumber!: string;
  fromAgency!: string;
  toAgency!: string;
  kind!: string;
  rule!: string;
  reason!: string;
  /** The facts behind the rule (counts and flags), per rule. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  facts!: Record<string, unknown>;
  status!: string;
  dueAt!: string | null;
  history!: ReferralHistoryEntryDto[];
  createdAt!: string;
}

export class ReferralListDto {
  items!: ReferralDto[];
  /** The inbox pages; a case's referrals come whole. */
  nextCursor?: string | null;
}
