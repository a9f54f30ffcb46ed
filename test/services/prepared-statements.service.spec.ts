import type { DataSource } from 'typeorm';
import { onOneConnection, query, queryPrepared } from '../../libs/db/sql';
import { loadConfig } from '../../libs/config/config';
import { KeyOptions, keysForItems } from '../../libs/deconfliction/match-keys';
import { MatchingRepository } from '../../libs/deconfliction/matching.repository';
import { serviceDataSource } from './support';

/**
 * A probe's reads are prepared once per connection (queryPrepared) and still planned for each call's own parameters:
 * what PostgreSQL keeps on the connection, and the setting that keeps a generic plan from replacing the custom ones.
 */
describe('prepared reads', () => {
  let dataSource: DataSource;
  beforeAll(async () => { dataSource = serviceDataSource('prepared'); await dataSource.initialize(); });
  afterAll(async () => { await dataSource.destroy(); });

  const preparedOnConnection = (db: Parameters<typeof query>[0]) =>
    query<{ name: string; statement: string; generic_plans: string; custom_plans: string }>(db,
      'SELECT name, statement, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY prepare_time');

  it('are parsed once per connection and planned for each call\'s parameters', async () => {
    const sql = `SELECT count(*)::int AS n FROM generate_series(1, $1::int) /* prepared-spec ${Date.now()} */`;
    const { answers, prepared, mode } = await onOneConnection(dataSource, async (db) => {
      const runs: number[] = [];
      // More calls than PostgreSQL's five custom plans before it may settle on a generic one.
      for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) runs.push((await queryPrepared<{ n: number }>(db, sql, [n]))[0].n);
      const [setting] = await query<{ plan_cache_mode: string }>(db, 'SHOW plan_cache_mode');
      return { answers: runs, prepared: (await preparedOnConnection(db)).filter((p) => p.statement === sql), mode: setting.plan_cache_mode };
    });
    expect(answers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(prepared).toHaveLength(1);
    expect(prepared[0].name).toMatch(/^q_[\w-]{27}$/);
    expect(mode).toBe('force_custom_plan');
    expect(Number(prepared[0].generic_plans)).toBe(0);
    expect(Number(prepared[0].custom_plans)).toBe(8);
  });

  it('give a different text its own statement on the same connection', async () => {
    const stamp = Date.now();
    const texts = [`SELECT $1::int + 1 AS n /* a ${stamp} */`, `SELECT $1::int + 2 AS n /* b ${stamp} */`];
    const { answers, prepared } = await onOneConnection(dataSource, async (db) => {
      const runs = [];
      for (const sql of [...texts, ...texts]) runs.push((await queryPrepared<{ n: number }>(db, sql, [10]))[0].n);
      return { answers: runs, prepared: (await preparedOnConnection(db)).filter((p) => texts.includes(p.statement)) };
    });
    expect(answers).toEqual([11, 12, 11, 12]);
    expect(prepared.map((p) => p.statement)).toEqual(texts);
    expect(new Set(prepared.map((p) => p.name)).size).toBe(2);
  });

  it('include a check\'s person and exact reads, which answer as before on the next call', async () => {
    const matching = new MatchingRepository(loadConfig().deconfliction);
    const options: KeyOptions = { country: 'US', serialMinReadable: 6, defaultRadiusMeters: 500 };
    const persons = keysForItems({ kind: 'subjects', items: [{ id: '5b0f3c1e-0000-4000-8000-000000000001', kind: 'PERSON', fullName: 'José García' }] }, options);
    const emails = keysForItems({ kind: 'identifiers', items: [{ id: '5b0f3c1e-0000-4000-8000-000000000002', type: 'EMAIL', value: 'prepared.spec@nowhere.example' }] }, options);
    const keys = { exact: emails.exact, persons: persons.persons, events: [] };
    // As a check probes (DeconflictionService.check): a common name's namesakes counted, on the connection it is given.
    const targets = { seizures: false, countCrowds: true };
    const { first, second, prepared } = await onOneConnection(dataSource, async (db) => {
      const a = await matching.probe(db, keys, null, null, targets);
      const b = await matching.probe(db, keys, null, null, targets);
      return { first: a, second: b, prepared: await preparedOnConnection(db) };
    });
    expect(second).toEqual(first);
    const texts = prepared.map((p) => p.statement);
    expect(texts.some((t) => t.includes('FROM person_keys p'))).toBe(true);
    expect(texts.some((t) => t.includes('JOIN match_keys k ON k.match_type = q.match_type'))).toBe(true);
    // Each read is prepared once and executed on both calls.
    for (const p of prepared.filter((s) => s.statement.includes('FROM person_keys p'))) expect(Number(p.custom_plans)).toBeGreaterThanOrEqual(2);
  });
});
