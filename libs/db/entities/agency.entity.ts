import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('agencies')
export class AgencyEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('char', { length: 2 }) country!: string;
}
