import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import type { KeyOptions } from '../../libs/deconfliction/match-keys';
import type { MatchingRepository } from '../../libs/deconfliction/matching.repository';
import {
  addConstraints, assertIndexesRestored, BenchCase, copyFromWorker, CopyResult, createIndexes, dropConstraints, dropIndexes,
  keyConstraints, Log, secondaryIndexes,
} from './bulk-load';
import type { GenSpec } from './generators';
import { checkPersonKeys, loadPersons } from './person-load';
import { keyOptionsFor, SourceCase } from './row-sources';

/** What a copy worker needs of a case (a structured clone of every case would carry the case numbers too). */
const sourceCases = (cases: BenchCase[]): SourceCase[] => cases.map((c) => ({ id: c.id, agency: c.agency }));

/** The three deconfliction tables filled with generated rows, values keyed exactly as the production code keys them. */

export interface LoadStats {
  copies: { table: string; result: CopyResult; finishMs: number }[];
  /** Index builds and key constraints re-added (their validation), each timed; builds overlap on two connections. */
  indexes: { name: string; ms: number }[];
  /**
   * Wall time of the three tables' loads (side by side, until the last COPY ends), of the index builds after the last
   * COPY ended (a table's builds start when its own load ends), of the foreign keys.
   */
  copyWallMs: number; indexWallMs: number; constraintWallMs: number;
  vacuumMs: number;
  /** How many identifier source rows were used (an obliterated serial yields several key rows). */
  identifierSources: number;
}

const LOADED_TABLES = ['match_keys', 'person_keys', 'event_keys'];

/** Another session to the same database, with the load's settings. */
async function sessionLike(client: Client): Promise<Client> {
  const other = new Client({ host: client.host, port: client.port, user: client.user, password: client.password, database: client.database });
  await other.connect();
  await loadSettings(other);
  return other;
}

/** Session settings for the load only: big sort memory for the index builds, no fsync wait per commit. */
async function loadSettings(client: Client): Promise<void> {
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(`SET synchronous_commit = off`);
}

/**
 * Runs `load` in a transaction that first truncates `table` (empty: checked), so its COPY can say FREEZE: rows are
 * written frozen and the pages all-visible (the VACUUM after the load has nothing left to do on them), and, with
 * wal_level=minimal (BULK_LOAD_SETTINGS), the new file is not written to the WAL but fsynced at commit.
 */
async function intoFreshTable<T>(client: Client, table: string, load: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ filled: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS filled`);
    if (rows[0].filled) throw new Error(`${table} is not empty: the bench loads into an empty table only`);
    await client.query(`TRUNCATE ${table}`);
    const result = await load();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export async function loadDataset(
  client: Client, manager: EntityManager, matching: MatchingRepository, spec: GenSpec, cases: BenchCase[], rows: number,
  options: (agency: string) => KeyOptions, log: Log,
): Promise<LoadStats> {
  // The copy worker builds the key options from serialMinReadable alone: they must be the ones the bench asked for.
  const serialMinReadable = options('ATF').serialMinReadable;
  for (const agency of new Set(cases.map((c) => c.agency))) {
    if (JSON.stringify(options(agency)) !== JSON.stringify(keyOptionsFor(serialMinReadable)(agency))) {
      throw new Error(`key options for ${agency} differ from the copy worker's`);
    }
  }
  await loadSettings(client);
  const indexes = await secondaryIndexes(client, LOADED_TABLES);
  const constraints = await keyConstraints(client, LOADED_TABLES);
  await dropIndexes(client, indexes);
  await dropConstraints(client, constraints);
  log(`dropped ${indexes.length} secondary indexes and ${constraints.length} primary and foreign keys for the load`);
  const [second, third] = [await sessionLike(client), await sessionLike(client)];
  try {
    const at = new Date().toISOString();
    // Three COPY streams side by side: this process generates the rows of all three, three server processes take them.
    const copyStarted = performance.now();
    const copyEnds: number[] = [];
    const indexTimings: { name: string; ms: number }[] = [];
    // Each table's primary key and indexes are built on its own session as soon as its rows are in: the event GiST
    // build (single-threaded, the longest by far) overlaps the other tables' COPY instead of following it.
    const thenIndexed = async <T>(session: Client, table: string, loaded: Promise<T>): Promise<T> => {
      const result = await loaded;
      copyEnds.push(performance.now());
      indexTimings.push(...await addConstraints(session, constraints.filter((c) => c.kind === 'p' && c.table === table), log));
      indexTimings.push(...await createIndexes(session, indexes.filter((i) => i.table === table), log));
      return result;
    };
    const [identifiers, persons, events] = await Promise.all([
      thenIndexed(client, 'match_keys', intoFreshTable(client, 'match_keys', () => loadMatchKeys(client, spec, cases, rows, serialMinReadable, at, log))),
      thenIndexed(second, 'person_keys', intoFreshTable(second, 'person_keys', () => loadPersons(second, manager, matching, spec, cases, rows, at, log))),
      thenIndexed(third, 'event_keys', intoFreshTable(third, 'event_keys', () => loadEvents(third, spec, cases, rows, at, log))),
    ]);
    const copyWallMs = Math.max(...copyEnds) - copyStarted;
    const indexWallMs = performance.now() - Math.max(...copyEnds);
    const constraintStarted = performance.now();
    indexTimings.push(...await addConstraints(client, constraints.filter((c) => c.kind === 'f'), log));
    const constraintWallMs = performance.now() - constraintStarted;
    await assertIndexesRestored(client, indexes, constraints);
    log(`indexes and keys identical to the migration's (${indexes.length} indexes, ${constraints.length} keys checked)`);
    log(await checkPersonKeys(client));
    const vacuumStarted = performance.now();
    // VACUUM as well as ANALYZE: autovacuum would set the visibility map soon after such a load in production.
    await client.query(`VACUUM (ANALYZE) cases, match_keys, person_keys, person_name_tokens, event_keys`);
    return {
      copies: [identifiers.copy, persons, events], indexes: indexTimings, copyWallMs, indexWallMs, constraintWallMs,
      vacuumMs: performance.now() - vacuumStarted, identifierSources: identifiers.sources,
    };
  } finally {
    await second.end();
    await third.end();
  }
}

async function loadMatchKeys(
  client: Client, spec: GenSpec, cases: BenchCase[], rows: number, serialMinReadable: number, at: string, log: Log,
): Promise<{ copy: { table: string; result: CopyResult; finishMs: number }; sources: number }> {
  const { result, tally } = await copyFromWorker(client, 'match_keys', `COPY match_keys (id, item_id, case_id, agency, match_type,
    norm, partial, region, display_value, created_at) FROM STDIN (FREEZE)`,
  { source: 'match_keys', spec, cases: sourceCases(cases), total: rows, at, serialMinReadable, codes: [] }, log);
  if (tally.unreadable > 0) log(`match_keys: ${tally.unreadable} generated values were unreadable and skipped`);
  return { copy: { table: 'match_keys', result, finishMs: 0 }, sources: tally.sources };
}

/** Through a staging table: the earth point is computed by ll_to_earth in SQL, as MatchingRepository.store does. */
async function loadEvents(
  client: Client, spec: GenSpec, cases: BenchCase[], rows: number, at: string, log: Log,
): Promise<{ table: string; result: CopyResult; finishMs: number }> {
  await client.query(`CREATE UNLOGGED TABLE bench_event_staging (id uuid, case_id uuid, agency text, operation_type text,
    latitude float8, longitude float8, radius_meters integer, starts_at timestamptz, ends_at timestamptz,
    display_value text, created_at timestamptz)`);
  const { result } = await copyFromWorker(client, 'event_keys (staging)', `COPY bench_event_staging FROM STDIN (FREEZE)`,
    { source: 'event_staging', spec, cases: sourceCases(cases), total: rows, at, serialMinReadable: 0, codes: [] }, log);
  const started = performance.now();
  await client.query(`
    INSERT INTO event_keys (id, case_id, agency, operation_type, center, radius_meters, during, display_value, created_at)
    SELECT id, case_id, agency, operation_type, ll_to_earth(latitude, longitude), radius_meters,
           tstzrange(starts_at, ends_at, '[]'), display_value, created_at
    FROM bench_event_staging`);
  await client.query('DROP TABLE bench_event_staging');
  return { table: 'event_keys', result, finishMs: performance.now() - started };
}
