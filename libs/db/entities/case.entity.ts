import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseCategory, CaseFlags, CaseStatus } from '../../contracts/case-items';

@Entity('cases')
export class CaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'case_number', unique: true }) caseNumber!: string;
  @Column('text', { name: 'owning_agency' }) owningAgency!: string;
  @Column('uuid', { name: 'lead_agent_id' }) leadAgentId!: string;
  @Column('text') title!: string;
  @Column('text', { nullable: true }) summary!: string | null;
  @Column('text') category!: CaseCategory;
  @Column('jsonb') flags!: CaseFlags;
  @Column('text') status!: CaseStatus;
  @Column('text', { nullable: true }) outcome!: string | null;
  @Column('text', { nullable: true }) result!: string | null;
  @Column('text', { name: 'workflow_id' }) workflowId!: string;
  @Column('timestamptz', { name: 'workflow_started_at', nullable: true }) workflowStartedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
}
