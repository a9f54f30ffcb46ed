import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IdentifierType, OperationType, OrgType } from '../../contracts/case-items';

@Entity('case_subjects')
export class CaseSubjectEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') kind!: 'PERSON' | 'ORGANIZATION';
  @Column('text', { name: 'full_name', nullable: true }) fullName!: string | null;
  @Column('date', { name: 'date_of_birth', nullable: true }) dateOfBirth!: string | null;
  @Column('text', { nullable: true }) nationality!: string | null;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text', { name: 'org_type', nullable: true }) orgType!: OrgType | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity('case_identifiers')
export class CaseIdentifierEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') type!: IdentifierType;
  @Column('text') value!: string;
  @Column('text', { nullable: true }) region!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity('case_firearms')
export class CaseFirearmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text', { name: 'serial_number' }) serialNumber!: string;
  @Column('boolean', { name: 'serial_obliterated' }) serialObliterated!: boolean;
  @Column('text', { nullable: true }) make!: string | null;
  @Column('text', { nullable: true }) model!: string | null;
  @Column('text', { nullable: true }) caliber!: string | null;
  @Column('text', { nullable: true }) action!: string | null;
  @Column('text', { nullable: true }) importer!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity('case_operations')
export class CaseOperationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') type!: OperationType;
  @Column('double precision') latitude!: number;
  @Column('double precision') longitude!: number;
  @Column('integer', { name: 'radius_meters' }) radiusMeters!: number;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity('case_shares')
export class CaseShareEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @PrimaryColumn('text', { name: 'agency_code' }) agencyCode!: string;
  @Column('text') reason!: string;
  @Column('text', { name: 'granted_by' }) grantedBy!: string;
  @Column('timestamptz', { name: 'granted_at' }) grantedAt!: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('text', { name: 'revoked_by', nullable: true }) revokedBy!: string | null;
}
