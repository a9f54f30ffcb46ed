import type { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { uuidFrom } from '../../libs/common/deterministic-id';
import { identifierNorms, KeyOptions, normalizeOrganization, normalizeRegion } from '../../libs/deconfliction/match-keys';
import type { MatchingRepository } from '../../libs/deconfliction/matching.repository';
import {
  assertIndexesRestored, BenchCase, copyRows, CopyResult, CopyValue, createIndexes, dropIndexes, Log, secondaryIndexes,
} from './bulk-load';
import { eventAt, GenSpec, identifierAt } from './generators';
import { checkPersonKeys, loadPersons } from './person-load';

/** The three deconfliction tables filled with generated rows, values keyed exactly as the production code keys them. */

export interface LoadStats {
  copies: { table: string; result: CopyResult; finishMs: number }[];
  indexes: { name: string; ms: number }[];
  vacuumMs: number;
  /** How many identifier source rows were used (an obliterated serial yields several key rows). */
  identifierSources: number;
}

const LOADED_TABLES = ['match_keys', 'person_keys', 'event_keys'];

export async function loadDataset(
  client: Client, manager: EntityManager, matching: MatchingRepository, spec: GenSpec, cases: BenchCase[], rows: number,
  options: (agency: string) => KeyOptions, log: Log,
): Promise<LoadStats> {
  // Session settings for the load only: big sort memory for the index builds, no fsync wait per COPY.
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(`SET synchronous_commit = off`);
  const indexes = await secondaryIndexes(client, LOADED_TABLES);
  await dropIndexes(client, indexes);
  log(`dropped ${indexes.length} secondary indexes for the load (primary keys and foreign keys stay)`);
  const at = new Date().toISOString();
  const identifiers = await loadMatchKeys(client, spec, cases, rows, options, at, log);
  const persons = await loadPersons(client, manager, matching, spec, cases, rows, at, log);
  const events = await loadEvents(client, spec, cases, rows, at, log);
  const indexTimings = await createIndexes(client, indexes, log);
  await assertIndexesRestored(client, indexes);
  log(`indexes identical to the migration's (${indexes.length} checked)`);
  log(await checkPersonKeys(client));
  const vacuumStarted = performance.now();
  // VACUUM as well as ANALYZE: autovacuum would set the visibility map soon after such a load in production.
  await client.query(`VACUUM (ANALYZE) cases, match_keys, person_keys, person_name_tokens, event_keys`);
  return {
    copies: [identifiers.copy, persons, events], indexes: indexTimings, vacuumMs: performance.now() - vacuumStarted,
    identifierSources: identifiers.sources,
  };
}

async function loadMatchKeys(
  client: Client, spec: GenSpec, cases: BenchCase[], rows: number, options: (agency: string) => KeyOptions, at: string,
  log: Log,
): Promise<{ copy: { table: string; result: CopyResult; finishMs: number }; sources: number }> {
  let sources = 0;
  let unreadable = 0;
  function* keyRows(): Generator<CopyValue[]> {
    for (let i = 0; ; i += 1) {
      sources = i + 1;
      const r = identifierAt(spec, i);
      const owner = cases[r.caseIndex];
      const norms = r.matchType === 'ORGANIZATION'
        ? [normalizeOrganization(r.raw)].filter((n): n is string => n !== null).map((norm) => ({ norm, partial: false }))
        : identifierNorms(r.matchType, r.raw, r.region, options(owner.agency), r.obliterated);
      if (!norms || norms.length === 0) { unreadable += 1; continue; }
      const region = r.matchType === 'VEHICLE_PLATE' ? normalizeRegion(r.region) : null;
      for (const { norm, partial } of norms) {
        yield [uuidFrom(`${r.itemId}\n${r.matchType}\n${norm}\n${partial}`), r.itemId, owner.id, owner.agency, r.matchType,
          norm, partial, region, r.raw, at];
      }
    }
  }
  const result = await copyRows(client, 'match_keys', `COPY match_keys (id, item_id, case_id, agency, match_type, norm,
    partial, region, display_value, created_at) FROM STDIN`, rows, keyRows, log);
  if (unreadable > 0) log(`match_keys: ${unreadable} generated values were unreadable and skipped`);
  return { copy: { table: 'match_keys', result, finishMs: 0 }, sources };
}

/** Through a staging table: the earth point is computed by ll_to_earth in SQL, as MatchingRepository.store does. */
async function loadEvents(
  client: Client, spec: GenSpec, cases: BenchCase[], rows: number, at: string, log: Log,
): Promise<{ table: string; result: CopyResult; finishMs: number }> {
  await client.query(`CREATE UNLOGGED TABLE bench_event_staging (id uuid, case_id uuid, agency text, operation_type text,
    latitude float8, longitude float8, radius_meters integer, starts_at timestamptz, ends_at timestamptz,
    display_value text, created_at timestamptz)`);
  function* eventRows(): Generator<CopyValue[]> {
    for (let i = 0; ; i += 1) {
      const e = eventAt(spec, i);
      const owner = cases[e.caseIndex];
      const [startsAt, endsAt] = [new Date(e.startsAt).toISOString(), new Date(e.endsAt).toISOString()];
      yield [e.id, owner.id, owner.agency, e.type, e.latitude, e.longitude, e.radiusMeters, startsAt, endsAt,
        `${e.type} ${startsAt}/${endsAt} within ${e.radiusMeters} m of ${e.latitude},${e.longitude}`, at];
    }
  }
  const result = await copyRows(client, 'event_keys (staging)', `COPY bench_event_staging FROM STDIN`, rows, eventRows, log);
  const started = performance.now();
  await client.query(`
    INSERT INTO event_keys (id, case_id, agency, operation_type, center, radius_meters, during, display_value, created_at)
    SELECT id, case_id, agency, operation_type, ll_to_earth(latitude, longitude), radius_meters,
           tstzrange(starts_at, ends_at, '[]'), display_value, created_at
    FROM bench_event_staging`);
  await client.query('DROP TABLE bench_event_staging');
  return { table: 'event_keys', result, finishMs: performance.now() - started };
}
