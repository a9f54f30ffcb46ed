import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { Initial1763900000000 } from './migrations/1763900000000-Initial';
import { CaseNumberSequences1763900000001 } from './migrations/1763900000001-CaseNumberSequences';
import { Deconfliction1763900000002 } from './migrations/1763900000002-Deconfliction';
import { Referrals1763900000003 } from './migrations/1763900000003-Referrals';
import { Meetings1763900000004 } from './migrations/1763900000004-Meetings';
import { Seizures1763900000005 } from './migrations/1763900000005-Seizures';
import { PersonPairKeys1763900000006 } from './migrations/1763900000006-PersonPairKeys';
import { AccountProtection1763900000007 } from './migrations/1763900000007-AccountProtection';
import { CaseFirearmTraces1763900000008 } from './migrations/1763900000008-CaseFirearmTraces';

export const MIGRATIONS = [
  Initial1763900000000, CaseNumberSequences1763900000001, Deconfliction1763900000002, Referrals1763900000003,
  Meetings1763900000004, Seizures1763900000005,
  PersonPairKeys1763900000006,
  AccountProtection1763900000007,
  CaseFirearmTraces1763900000008,
];
export const APP_DB_ROLE = 'casecoord_app';

export interface DataSourceOptions {
  url: string;
  /** The API and worker act as the restricted application role; migrations run as the connecting owner. */
  asAppRole: boolean;
  poolSize?: number;
  applicationName?: string;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    extra: {
      max: options.poolSize ?? 20,
      application_name: options.applicationName ?? 'casecoord',
      connectionTimeoutMillis: 5000,
      ...(options.asAppRole ? { options: `-c role=${APP_DB_ROLE}` } : {}),
    },
  });
}
