import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { unique: true }) username!: string;
  @Column('text', { name: 'password_hash' }) passwordHash!: string;
  @Column('text', { name: 'agency_code' }) agencyCode!: string;
  @Column('text', { array: true }) roles!: string[];
  @Column('text', { name: 'full_name' }) fullName!: string;
  @Column('text', { nullable: true }) phone!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
