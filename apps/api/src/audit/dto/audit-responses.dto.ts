import { ApiProperty } from '@nestjs/swagger';

export class AuditBadEntryDto {
  seq!: string;
  at!: string;
  action!: string;
  reason!: string;
}

export class AuditPurgedThroughDto {
  seq!: string;
  at!: string;
  hash!: string;
  purgedAt!: string;
}

export class AuditVerifyDto {
  ok!: boolean;
  entries!: number;
  firstBadEntry?: AuditBadEntryDto;
  /** Set once `purge_audit_log` has removed the oldest entries: the chain is verified from the last one removed. */
  purgedThrough?: AuditPurgedThroughDto;
}

export class AuditEntryDto {
  seq!: string;
  at!: string;
  actor!: string;
  agency!: string | null;
  action!: string;
  entityType!: string;
  entityId!: string | null;
  /** What the action recorded: its shape depends on the action. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  details!: Record<string, unknown> | null;
  hash!: string;
  prevHash!: string | null;
}

export class AuditPageDto {
  items!: AuditEntryDto[];
  nextCursor!: string | null;
}
