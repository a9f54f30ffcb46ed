import { Client } from 'pg';
import { createDataSource } from '../libs/db/data-source';
import { normalizeCaliber } from '../libs/seizures/caliber';
import { StatsGrouping, StatsService } from '../libs/seizures/stats.service';
import { startBenchStack } from './support/bench-stack';
import { copyRows, CopyValue, createCases, createIndexes, dropIndexes, secondaryIndexes } from './support/bulk-load';
import { chance, intBetween, pick, rngFor, uuidOf } from './support/random';
import { printTable, row, runConcurrent, Sample } from './support/stats';

/**
 * npm run bench:stats: loads BENCH_SEIZURES (default 1,000,000) seizures with their firearms and traces by COPY, then
 * times GET /stats for each grouping over one year, beside the same statistics computed straight from the database
 * (StatsService, no HTTP/auth) and the raw SQL aggregate of the main count, all in the same run.
 */
const SEIZURES = Number(process.env.BENCH_SEIZURES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_QUERIES ?? 30);
const SEED = Number(process.env.BENCH_SEED ?? 7);
const log = (line: string) => console.log(`[bench] ${line}`);

const AGENCIES = ['CBP', 'ATF', 'ICE', 'PGR', 'SEDENA', 'DEA', 'RCMP'];
const CREATORS: Record<string, string> = { CBP: 'cbp.officer', ATF: 'atf.agent', ICE: 'ice.agent', PGR: 'pgr.liaison', SEDENA: 'pgr.liaison', DEA: 'dea.agent', RCMP: 'fbi.agent' };
const CALIBERS = ['9mm', '9 mm', '9x19', '.38 Special', '5.7x28mm', '.223 Rem', '5.56 NATO', '7.62x39', '.50 BMG', '.45 ACP', '.40 S&W', '.380 ACP', '12 gauge', '6.5 Creedmoor', '.22 LR'];
const STATES = ['AZ', 'TX', 'CA', 'NM', 'NV', 'FL', 'GA', 'IL'];
const START = Date.UTC(2024, 0, 1);
const SPAN_MS = 2 * 365 * 86_400_000;

async function load(client: Client): Promise<void> {
  const users = Object.fromEntries((await client.query<{ username: string; id: string }>('SELECT username, id FROM users')).rows.map((u) => [u.username, u.id]));
  await createCases(client, 10_000);
  await client.query(`UPDATE cases SET status = 'CLOSED', closed_at = created_at + interval '90 days',
    result = (ARRAY['CONVICTION','GUILTY_PLEA','INDICTMENT','ARREST','NO_PROSECUTION',NULL])[1 + (abs(hashtext(id::text)) % 6)]
    WHERE abs(hashtext(id::text)) % 3 = 0`);
  const indexes = await secondaryIndexes(client, ['seizures', 'seizure_firearms', 'traces']);
  await dropIndexes(client, indexes);
  const seizureIds: string[] = [];
  await copyRows(client, 'seizures',
    'COPY seizures (id, owning_agency, created_by, seized_at, latitude, longitude, workflow_id, workflow_started_at, created_at, updated_at) FROM STDIN',
    SEIZURES, function* rows(): Generator<CopyValue[]> {
      for (let i = 0; i < SEIZURES; i += 1) {
        const rng = rngFor(SEED, 'seizure', i);
        const id = uuidOf(rng);
        seizureIds.push(id);
        const agency = pick(rng, AGENCIES);
        const at = new Date(START + Math.floor(rng() * SPAN_MS)).toISOString();
        yield [id, agency, users[CREATORS[agency]], at, 25 + rng() * 10, -115 + rng() * 20, `seizure-${id}`, at, at, at];
      }
    }, log);
  const firearmIds: [string, string, string][] = [];
  await copyRows(client, 'seizure_firearms',
    'COPY seizure_firearms (id, seizure_id, position, serial_number, caliber, caliber_class, action, created_at) FROM STDIN',
    Math.round(SEIZURES * 1.3), function* rows(): Generator<CopyValue[]> {
      for (let i = 0; i < seizureIds.length; i += 1) {
        const rng = rngFor(SEED, 'firearm', i);
        for (let n = 0; n < (chance(rng, 0.3) ? 2 : 1); n += 1) {
          const id = uuidOf(rng);
          const caliber = pick(rng, CALIBERS);
          if (firearmIds.length < SEIZURES / 10) firearmIds.push([id, seizureIds[i], caliber]);
          yield [id, seizureIds[i], n, `BS${i}X${n}`, caliber, normalizeCaliber(caliber)?.code ?? null, 'semi-automatic', new Date(START).toISOString()];
        }
      }
    }, log);
  await copyRows(client, 'traces',
    `COPY traces (id, seizure_id, firearm_id, serial_number, priority, status, requesting_agency, tracing_agency, requested_by,
       due_at, source_state, time_to_crime_days, workflow_id, workflow_started_at, created_at, updated_at) FROM STDIN`,
    firearmIds.length, function* rows(): Generator<CopyValue[]> {
      for (const [i, [firearmId, seizureId]] of firearmIds.entries()) {
        const rng = rngFor(SEED, 'trace', i);
        const id = uuidOf(rng);
        const status = pick(rng, ['COMPLETED', 'COMPLETED', 'COMPLETED', 'UNSUCCESSFUL', 'IN_PROGRESS', 'SUBMITTED']);
        const at = new Date(START + Math.floor(rng() * SPAN_MS)).toISOString();
        yield [id, seizureId, firearmId, `T${i}`, chance(rng, 0.2) ? 'URGENT' : 'ROUTINE', status, pick(rng, AGENCIES), 'ATF', 'cbp.officer',
          at, status === 'COMPLETED' ? pick(rng, STATES) : null, status === 'COMPLETED' ? intBetween(rng, 20, 3000) : null, `trace-${id}`, at, at, at];
      }
    }, log);
  await createIndexes(client, indexes, log);
  await client.query('VACUUM (ANALYZE) seizures, seizure_firearms, traces, cases');
}

/** The main count of each grouping as one plain SQL statement: the floor the endpoint sits on. */
const RAW: Record<StatsGrouping, string> = {
  agency: `SELECT s.owning_agency, count(*) FROM seizures s WHERE s.seized_at >= $1 AND s.seized_at < $2 GROUP BY 1`,
  month: `SELECT date_trunc('month', s.seized_at), count(*) FROM seizures s WHERE s.seized_at >= $1 AND s.seized_at < $2 GROUP BY 1`,
  caliber: `SELECT f.caliber_class, count(*) FROM seizure_firearms f JOIN seizures s ON s.id = f.seizure_id WHERE s.seized_at >= $1 AND s.seized_at < $2 GROUP BY 1`,
  sourceState: `SELECT t.source_state, count(*) FROM traces t WHERE t.created_at >= $1 AND t.created_at < $2 GROUP BY 1`,
};

async function main(): Promise<void> {
  const stack = await startBenchStack(log);
  const client = new Client({ connectionString: stack.pgUrl });
  await client.connect();
  const dataSource = createDataSource({ url: stack.pgUrl, asAppRole: true, poolSize: 2, applicationName: 'bench-stats' });
  await dataSource.initialize();
  const rows: string[][] = [];
  try {
    const loadStarted = performance.now();
    await load(client);
    log(`loaded ${SEIZURES.toLocaleString('en-US')} seizures in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
    const login = await fetch(`${stack.apiUrl}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'leadership', password: 'demo-password' }) });
    const { accessToken } = await login.json() as { accessToken: string };
    const stats = new StatsService(dataSource);
    const from = new Date(Date.UTC(2024, 6, 1));
    const to = new Date(Date.UTC(2025, 6, 1));
    const timed = async (work: () => Promise<void>): Promise<Sample> => runConcurrent(REQUESTS, 1, work);
    for (const groupBy of ['agency', 'month', 'caliber', 'sourceState'] as StatsGrouping[]) {
      const url = `${stack.apiUrl}/stats?from=${from.toISOString()}&to=${to.toISOString()}&groupBy=${groupBy}`;
      await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } }).then((r) => r.arrayBuffer());
      rows.push(row(`GET /stats groupBy=${groupBy}`, await timed(async () => {
        const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(String(response.status));
      })));
      rows.push(row(`  StatsService.table (all metrics, no HTTP)`, await timed(async () => { await stats.table(from, to, groupBy); })));
      rows.push(row(`  raw SQL: main count only`, await timed(async () => { await client.query(RAW[groupBy], [from, to]); })));
    }
    console.log(`\nstatistics over ${SEIZURES.toLocaleString('en-US')} seizures, window ${from.toISOString().slice(0, 10)}..${to.toISOString().slice(0, 10)}, ${REQUESTS} requests each, one at a time\n`);
    printTable(rows);
  } finally {
    await dataSource.destroy();
    await client.end();
    await stack.stop();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
