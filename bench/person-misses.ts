import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DEMO_USERS, demoUserId } from '../libs/auth/demo-users';
import { loadConfig } from '../libs/config/config';
import { createDataSource } from '../libs/db/data-source';
import { freshAppPassword, prepareAppDatabase } from '../libs/devstack/app-database';
import { startEmbeddedPostgres } from '../libs/devstack/embedded-postgres';
import { freePort } from '../libs/devstack/processes';
import { MatchingRepository } from '../libs/deconfliction/matching.repository';
import { createCases } from './support/bulk-load';
import { applyDobErrors } from './support/dob-errors';
import type { GenSpec } from './support/generators';
import { Prober } from './support/measure';
import { CandidateCounter, explainWorstNames } from './support/person-candidates';
import { loadPersons } from './support/person-load';
import { personCheckQueries } from './support/queries';
import { VARIANT_CLASSES } from './support/person-variants';

/**
 * Person matching only, without Temporal and the API (node dist/bench/person-misses.js): loads BENCH_ROWS persons as
 * bench:deconfliction does, probes BENCH_QUERIES person queries per variant kind, and prints each kind's recall and
 * precision and every miss with what the source scored when every blocked candidate is kept (threshold 0): "never a
 * candidate" is blocking, a score is the name evidence falling short. The diagnostic behind the matcher's recall work.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PER_KIND = Number(process.env.BENCH_QUERIES ?? 200);
const SEED = Number(process.env.BENCH_SEED ?? 20261123);
const log = (line: string) => console.log(`[person-misses] ${line}`);

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'casecoord-misses-'));
  await chmod(root, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), port: await freePort(), database: 'bench', log });
  const db = new Client({ connectionString: pg.url });
  try {
    await prepareAppDatabase(pg.url, freshAppPassword());
    await db.connect();
    const dataSource = createDataSource({ url: pg.url, asAppRole: false, poolSize: 1, applicationName: 'person-misses' });
    await dataSource.initialize();
    const config = loadConfig().deconfliction;
    // The cases' lead agents, as the API seeds them (no one logs in here: the hash is not a password's).
    for (const u of DEMO_USERS) {
      await db.query(`INSERT INTO users (id, username, password_hash, agency_code, roles, full_name, phone)
        VALUES ($1, $2, '!bench', $3, $4, $5, $6) ON CONFLICT DO NOTHING`, [demoUserId(u.username), u.username, u.agency, u.roles, u.fullName, u.phone]);
    }
    const cases = await createCases(db, Math.max(100, Math.round(ROWS / 100)));
    const now = new Date();
    const spec: GenSpec = { seed: SEED, caseCount: cases.length, epochMs: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) };
    // The loader's COPY says FREEZE: the table must be truncated in the loading transaction (as dataset-load.ts does).
    await db.query('BEGIN');
    await db.query('TRUNCATE person_keys');
    await loadPersons(db, dataSource.manager, new MatchingRepository(config), spec, cases, ROWS, new Date().toISOString(), log);
    await db.query('COMMIT');
    await db.query('VACUUM (ANALYZE) person_keys, person_name_tokens');
    const queries = applyDobErrors(spec, personCheckQueries(spec, ROWS, PER_KIND * VARIANT_CLASSES.length));
    const prober = new Prober(dataSource, config);
    const everything = prober.withPersonThreshold(0);
    const counter = new CandidateCounter(dataSource, config);
    const perKind = new Map<string, { n: number; found: number; returned: number; correct: number; ms: number[] }>();
    for (const q of queries) {
      const p = q.person!;
      const started = performance.now();
      const matches = (await prober.probe(q.body)).filter((m) => m.matchType === 'PERSON');
      const ms = performance.now() - started;
      await counter.probe(p.fullName, p.dob);
      const k = perKind.get(p.variant) ?? { n: 0, found: 0, returned: 0, correct: 0, ms: [] };
      perKind.set(p.variant, k);
      k.n += 1; k.returned += matches.length; k.ms.push(ms);
      const mine = matches.filter((m) => m.other.itemId === p.source.id);
      k.correct += mine.length;
      if (mine.length > 0) { k.found += 1; continue; }
      const all = (await everything.probe(q.body)).filter((m) => m.matchType === 'PERSON' && m.other.itemId === p.source.id);
      const why = all.length === 0 ? 'never a candidate' : `score ${all[0].score} ${all[0].tier ?? '-'}: ${all[0].reason}`;
      console.log(`MISS ${p.variant}: stored "${p.source.fullName}" (${p.source.dob ?? '-'}) as "${p.fullName}" (${p.dob ?? '-'}): ${why}`);
    }
    for (const [kind, k] of perKind) {
      const sorted = [...k.ms].sort((a, b) => a - b);
      console.log(`${kind.padEnd(16)} n ${k.n} recall ${(k.found / k.n).toFixed(3)} precision ${(k.correct / Math.max(1, k.returned)).toFixed(3)} ` +
        `matches/query ${(k.returned / k.n).toFixed(2)} p95 ${sorted[Math.floor(sorted.length * 0.95)]?.toFixed(1)} ms`);
    }
    console.log(counter.summary());
    await explainWorstNames(db, counter);
    await dataSource.destroy();
  } finally {
    await db.end().catch(() => undefined);
    await pg.stop();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
