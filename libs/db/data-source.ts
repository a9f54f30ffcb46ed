import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { DATABASE_POOL_SIZE, DatabasePoolConfig } from './pool';
import { Initial1763900000000 } from './migrations/1763900000000-Initial';
import { CaseNumberSequences1763900000001 } from './migrations/1763900000001-CaseNumberSequences';
import { Deconfliction1763900000002 } from './migrations/1763900000002-Deconfliction';
import { Referrals1763900000003 } from './migrations/1763900000003-Referrals';
import { Meetings1763900000004 } from './migrations/1763900000004-Meetings';
import { Seizures1763900000005 } from './migrations/1763900000005-Seizures';
import { PersonPairKeys1763900000006 } from './migrations/1763900000006-PersonPairKeys';
import { AccountProtection1763900000007 } from './migrations/1763900000007-AccountProtection';
import { CaseFirearmTraces1763900000008 } from './migrations/1763900000008-CaseFirearmTraces';
import { AuthHardening1763900000009 } from './migrations/1763900000009-AuthHardening';
import { DeconflictionChecks1763900000010 } from './migrations/1763900000010-DeconflictionChecks';
import { AppLoginRole1763900000011 } from './migrations/1763900000011-AppLoginRole';
import { CaseSearch1763900000012 } from './migrations/1763900000012-CaseSearch';
import { PersonTiers1763900000013 } from './migrations/1763900000013-PersonTiers';
import { SeizuresOnWatch1763900000014 } from './migrations/1763900000014-SeizuresOnWatch';
import { ManualReferrals1763900000015 } from './migrations/1763900000015-ManualReferrals';
import { LookoutCancelAndCaseTraces1763900000017 } from './migrations/1763900000017-LookoutCancelAndCaseTraces';
import { MeetingChanges1763900000018 } from './migrations/1763900000018-MeetingChanges';
import { GivenNameVariants1763900000019 } from './migrations/1763900000019-GivenNameVariants';
import { ArresteesOnWatch1763900000020 } from './migrations/1763900000020-ArresteesOnWatch';
import { HitClaimsAndContacts1763900000021 } from './migrations/1763900000021-HitClaimsAndContacts';
import { HitResolutionEffects1763900000022 } from './migrations/1763900000022-HitResolutionEffects';
import { WatchDeskAlerts1763900000023 } from './migrations/1763900000023-WatchDeskAlerts';
import { IdentityAdministration1763900000024 } from './migrations/1763900000024-IdentityAdministration';
import { SingleSignOn1763900000025 } from './migrations/1763900000025-SingleSignOn';
import { PersonNameForms1763900000026 } from './migrations/1763900000026-PersonNameForms';
import { SubjectNameForms1763900000027 } from './migrations/1763900000027-SubjectNameForms';
import { PersonSkeletons1763900000028 } from './migrations/1763900000028-PersonSkeletons';
import { PromotedHitStarts1763900000032 } from './migrations/1763900000032-PromotedHitStarts';
import { SecretsAtRest1763900000033 } from './migrations/1763900000033-SecretsAtRest';
import { PersonBlockingParticles1763900000034 } from './migrations/1763900000034-PersonBlockingParticles';
import { NotificationTransactionIds1763900000035 } from './migrations/1763900000035-NotificationTransactionIds';
import { DatedPersonCodes1763900000037 } from './migrations/1763900000037-DatedPersonCodes';
import { AuditAppendInOneStatement1763900000039 } from './migrations/1763900000039-AuditAppendInOneStatement';
import { UndatedSkeletonPairs1763900000040 } from './migrations/1763900000040-UndatedSkeletonPairs';
import { KeepCheckInOneCall1763900000041 } from './migrations/1763900000041-KeepCheckInOneCall';
import { KeepCheckReadsOwners1763900000042 } from './migrations/1763900000042-KeepCheckReadsOwners';
import { PatternAlertsInKeepCheck1763900000043 } from './migrations/1763900000043-PatternAlertsInKeepCheck';
import { PersonNameTrigrams1763900000044 } from './migrations/1763900000044-PersonNameTrigrams';
import { SerialPartReviews1763900000045 } from './migrations/1763900000045-SerialPartReviews';
import { OperationsByStartDay1763900000046 } from './migrations/1763900000046-OperationsByStartDay';
import { PersonsByBirthDayWithCodes1763900000047 } from './migrations/1763900000047-PersonsByBirthDayWithCodes';
import { GinWithoutPendingList1763900000048 } from './migrations/1763900000048-GinWithoutPendingList';
import { PersonNameTrigramsExact1763900000049 } from './migrations/1763900000049-PersonNameTrigramsExact';
import { queryOne } from './sql';

export const MIGRATIONS = [
  Initial1763900000000, CaseNumberSequences1763900000001, Deconfliction1763900000002, Referrals1763900000003,
  Meetings1763900000004, Seizures1763900000005,
  PersonPairKeys1763900000006,
  AccountProtection1763900000007,
  CaseFirearmTraces1763900000008,
  AuthHardening1763900000009,
  DeconflictionChecks1763900000010,
  AppLoginRole1763900000011,
  CaseSearch1763900000012,
  PersonTiers1763900000013,
  SeizuresOnWatch1763900000014,
  ManualReferrals1763900000015,
  LookoutCancelAndCaseTraces1763900000017,
  MeetingChanges1763900000018,
  GivenNameVariants1763900000019,
  ArresteesOnWatch1763900000020,
  HitClaimsAndContacts1763900000021,
  HitResolutionEffects1763900000022,
  WatchDeskAlerts1763900000023,
  IdentityAdministration1763900000024,
  SingleSignOn1763900000025,
  PersonNameForms1763900000026,
  SubjectNameForms1763900000027,
  PersonSkeletons1763900000028,
  PromotedHitStarts1763900000032,
  SecretsAtRest1763900000033,
  PersonBlockingParticles1763900000034,
  NotificationTransactionIds1763900000035,
  DatedPersonCodes1763900000037,
  AuditAppendInOneStatement1763900000039,
  UndatedSkeletonPairs1763900000040,
  KeepCheckInOneCall1763900000041,
  KeepCheckReadsOwners1763900000042,
  PatternAlertsInKeepCheck1763900000043,
  PersonNameTrigrams1763900000044,
  SerialPartReviews1763900000045,
  OperationsByStartDay1763900000046,
  PersonsByBirthDayWithCodes1763900000047,
  GinWithoutPendingList1763900000048,
  PersonNameTrigramsExact1763900000049,
];
export const APP_DB_ROLE = 'casecoord_app';

export interface DataSourceOptions {
  url: string;
  /**
   * The API and worker act as the restricted application role: they log in as it (or as a login role that is a
   * member of it) and set it on each connection; migrations run as the connecting owner.
   */
  asAppRole: boolean;
  poolSize?: number;
  /** Connections kept open however long they idle, and how long any other stays open idle; by default none, and 10 s. */
  pool?: DatabasePoolConfig;
  applicationName?: string;
  /** Told when PostgreSQL drops a pooled connection; by default a line on stderr. */
  onConnectionLost?: (error: Error) => void;
}

/**
 * pg-pool takes its own 'error' listener off a client while the client is checked out, and TypeORM listens only on
 * clients a query runner holds. A connection PostgreSQL drops (shutdown, failover, pg_terminate_backend) while it is
 * checked out and between statements then emits 'error' with nobody listening, and Node ends the process on it: the
 * worker died that way when PostgreSQL stopped (test/faults/postgres.spec.ts). By then pg has marked the client
 * unqueryable and failed its queries, and the pool discards it when it comes back, so this listener only reports.
 */
export function clientClassReportingTo(onConnectionLost: (error: Error) => void): typeof Client {
  return class ReportingClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      this.on('error', onConnectionLost);
    }
  };
}

const reportOnStderr = (error: Error): void => {
  process.stderr.write(`postgres connection lost: ${error.message}\n`);
};

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    // No entity mapping: repositories write SQL and type their rows (libs/db/sql.ts); TypeORM keeps the pool,
    // transactions and migrations.
    entities: [],
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    extra: {
      Client: clientClassReportingTo(options.onConnectionLost ?? reportOnStderr),
      max: options.poolSize ?? DATABASE_POOL_SIZE,
      ...(options.pool ? { min: Math.min(options.pool.warm, options.poolSize ?? DATABASE_POOL_SIZE), idleTimeoutMillis: options.pool.idleTimeoutMs } : {}),
      application_name: options.applicationName ?? 'casecoord',
      connectionTimeoutMillis: 5000,
      ...(options.asAppRole ? { options: `-c role=${APP_DB_ROLE}` } : {}),
    },
  });
}

/**
 * The API and worker must not hold more rights than `casecoord_app`: a superuser session could switch back to itself
 * (RESET ROLE) and bypass every grant and the audit log's protections. Production refuses to start; elsewhere a
 * warning names the fix (the embedded and test servers hand out the app role's own login).
 */
export async function refuseSuperuser(dataSource: DataSource, production: boolean, warn: (line: string) => void): Promise<void> {
  const row = await queryOne<{ user: string; superuser: boolean }>(dataSource,
    `SELECT session_user AS "user", rolsuper AS "superuser" FROM pg_roles WHERE rolname = session_user`,
  );
  if (!row?.superuser) return;
  const line = `DATABASE_URL logs in as the superuser "${row.user}": give the app a login role without superuser rights ` +
    `(${APP_DB_ROLE} or a member of it) and run migrations with MIGRATION_DATABASE_URL`;
  if (!production) {
    warn(line);
    return;
  }
  await dataSource.destroy();
  throw new Error(`NODE_ENV=production: ${line}`);
}
