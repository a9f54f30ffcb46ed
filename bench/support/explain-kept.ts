import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { loadConfig } from '../../libs/config/config';
import { createDataSource } from '../../libs/db/data-source';
import { DEFAULT_OPERATION_RADIUS_METERS } from '../../libs/cases/case-rules';
import { ItemKeys, KeyOptions, keysForItems } from '../../libs/deconfliction/match-keys';
import { MatchingRepository } from '../../libs/deconfliction/matching.repository';
import { explainStatement } from './diagnostics';
import { keptSpec } from './kept-spec';
import type { Statement } from './measure';
import { batchesOf, CheckBody, eventQueries, exactQueries, personCheckQueries, serialPartialQueries } from './queries';

/**
 * node dist/bench/support/explain-kept.js against a database kept by `BENCH_KEEP=1 npm run bench:deconfliction`
 * (BENCH_DB_URL: the URL the bench printed; BENCH_ROWS and BENCH_SEED as in that run): runs a few probes of each kind
 * with the production repository, times every statement of each, and prints EXPLAIN (ANALYZE, BUFFERS) of each kind's
 * slowest statement at the median probe, plus a person probe for the commonest and the rarest stored names, with and
 * without a date of birth. The bench itself explains only each kind's statement at p95.
 */
const URL = process.env.BENCH_DB_URL ?? '';
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 20261123);
const PER_KIND = Number(process.env.BENCH_EXPLAIN_QUERIES ?? 21);

/** Every statement of one probe call, in order, with the set_config calls before each (for the EXPLAIN to repeat). */
function recording(manager: EntityManager, into: Statement[]): EntityManager {
  const settings: Statement['settings'] = [];
  const query = async (sql: string, params: unknown[] = []) => {
    const started = performance.now();
    const rows: unknown = await manager.query(sql, params);
    into.push({ sql, params, ms: performance.now() - started, settings: [...settings] });
    if (sql.includes('set_config(')) settings.push({ sql, params });
    return rows;
  };
  return { query } as unknown as EntityManager;
}

async function main(): Promise<void> {
  if (!URL) throw new Error('BENCH_DB_URL must name the kept bench database');
  const config = loadConfig().deconfliction;
  const repository = new MatchingRepository(config);
  const options: KeyOptions = { country: 'US', serialMinReadable: config.serialMinReadable, defaultRadiusMeters: DEFAULT_OPERATION_RADIUS_METERS };
  const dataSource = createDataSource({ url: URL, asAppRole: true, poolSize: 1, applicationName: 'bench-explain' });
  await dataSource.initialize();
  const db = new Client({ connectionString: URL, application_name: 'bench-explain' });
  await db.connect();
  try {
    const probe = async (body: CheckBody): Promise<Statement[]> => {
      const all = batchesOf(body).map((b) => keysForItems(b, options));
      const keys: ItemKeys = { exact: all.flatMap((k) => k.exact), persons: all.flatMap((k) => k.persons), events: all.flatMap((k) => k.events) };
      const statements: Statement[] = [];
      await dataSource.transaction(async (tx) => {
        const manager = recording(tx, statements);
        await repository.probe(manager, keys, await repository.personCodes(manager, keys.persons), null);
      });
      return statements;
    };
    const spec = await keptSpec(db, SEED);
    const stored = Math.floor(ROWS * 0.9);
    const sets: [string, CheckBody[]][] = [
      ['exact', exactQueries(spec, stored, PER_KIND).map((q) => q.body)],
      ['serial partial', serialPartialQueries(spec, stored, PER_KIND).map((q) => q.body)],
      ['event', eventQueries(spec, ROWS, PER_KIND).map((q) => q.body)],
      ['person (generated variants)', personCheckQueries(spec, ROWS, PER_KIND).map((q) => q.body)],
    ];
    for (const [kind, bodies] of sets) {
      const calls: Statement[][] = [];
      for (const body of bodies) { await probe(body); calls.push(await probe(body)); } // the second run: warm cache
      const slowest = calls.map((s) => [...s].sort((a, b) => b.ms - a.ms)[0]).sort((a, b) => a.ms - b.ms);
      console.log(`\n=== ${kind}: ${calls.length} probes, slowest statement per probe p50 ${slowest[slowest.length >> 1].ms.toFixed(1)} ms, ` +
        `max ${slowest[slowest.length - 1].ms.toFixed(1)} ms; statements per probe ${calls[0].length}`);
      await explainStatement(db, `${kind}: slowest statement of the median probe`, slowest[slowest.length >> 1]);
      await explainStatement(db, `${kind}: slowest statement of the slowest probe`, slowest[slowest.length - 1]);
    }
    const { rows: tokens } = await db.query<{ token: string; persons: number }>(
      `(SELECT token, persons FROM person_name_tokens ORDER BY persons DESC LIMIT 2)
       UNION ALL (SELECT token, persons FROM person_name_tokens WHERE length(token) >= 5 ORDER BY persons, token LIMIT 2)`);
    console.log(`\ntokens: ${tokens.map((t) => `${t.token} (${t.persons} persons)`).join(', ')}`);
    const names = [`${tokens[0].token} ${tokens[1].token}`, `${tokens[2].token} ${tokens[3].token}`];
    for (const [label, fullName] of [['common', names[0]], ['rare', names[1]]]) {
      for (const dateOfBirth of [undefined, '1980-05-17']) {
        const body: CheckBody = { subjects: [{ kind: 'PERSON', fullName, ...(dateOfBirth ? { dateOfBirth } : {}) }] };
        await probe(body);
        const statements = await probe(body);
        const total = statements.reduce((sum, s) => sum + s.ms, 0);
        console.log(`\n=== person, ${label} name "${fullName}"${dateOfBirth ? ` born ${dateOfBirth}` : ', no DOB'}: ${statements.length} ` +
          `statements, ${total.toFixed(1)} ms in SQL`);
        for (const s of statements) console.log(`  ${s.ms.toFixed(1).padStart(7)} ms  ${s.sql.replace(/\s+/g, ' ').trim().slice(0, 150)}`);
        await explainStatement(db, `person ${label}${dateOfBirth ? ' with DOB' : ''}: slowest statement`, [...statements].sort((a, b) => b.ms - a.ms)[0]);
      }
    }
  } finally {
    await db.end();
    await dataSource.destroy();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
