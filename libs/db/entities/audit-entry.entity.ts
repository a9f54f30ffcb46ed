import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryColumn('bigint') seq!: string;
  @Column('timestamptz') at!: Date;
  @Column('text') actor!: string;
  @Column('text', { nullable: true }) agency!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'entity_type' }) entityType!: string;
  @Column('text', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('text', { name: 'prev_hash' }) prevHash!: string;
  @Column('text') hash!: string;
  @Column('text', { name: 'dedup_key', nullable: true }) dedupKey!: string | null;
}
