import { Client, Connection } from '@temporalio/client';
import { readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient, Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { generatePayloadCodecKeys } from '../libs/config/codec-config';
import { freshAppPassword, prepareAppDatabase } from '../libs/devstack/app-database';
import { repoRoot, startAppProcesses } from '../libs/devstack/app-processes';
import { startEmbeddedPostgres } from '../libs/devstack/embedded-postgres';
import { freePort } from '../libs/devstack/processes';
import { ensureTemporalCli } from '../libs/devstack/temporal-cli';
import { startTemporalDevServer } from '../libs/devstack/temporal-dev-server';
import { encryptingDataConverter, payloadCodecFromEnv } from '../libs/temporal-codec/data-converter';
import { cpuReport, cpuSeconds } from './support/cpu';
import { printTable, row, runConcurrent } from './support/stats';

/**
 * npm run bench:intake [-- TOTAL CONCURRENCY]: cases created over HTTP end to end (201 = committed + workflow
 * started), beside the raw workflow-start rate and the raw INSERT rate measured on the same servers in the same run.
 */
const TOTAL = Number(process.argv[2] ?? process.env.BENCH_TOTAL ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? process.env.BENCH_CONCURRENCY ?? 32);
const log = (line: string) => console.log(`[bench] ${line}`);
/**
 * BENCH_WORKER_NICE=19 runs the worker at the lowest CPU priority: how much intake gains when the two cores serve
 * requests first and the workflows' processing waits (measured, not adopted: it delays deconfliction instead).
 */
const WORKER_NICE = Number(process.env.BENCH_WORKER_NICE ?? 0);

/** Letters only and a date of birth of its own per case: intake is measured without hits between the bench's cases. */
const nameFor = (i: number) => String(i + 1_000_000).split('').reverse().map((d) => 'BCDFGHJKLM'[Number(d)]).join('');
const birthDate = (i: number) => new Date(Date.UTC(1950, 0, 1) + (i + 1000) * 86_400_000).toISOString().slice(0, 10);
const caseBody = (i: number) => ({
  title: `Bench case ${i}`, category: 'ARMS_TRAFFICKING', flags: { portOfEntry: 'Nogales, AZ' },
  subjects: [{ kind: 'PERSON', fullName: `${nameFor(i)}a ${nameFor(i)}o`, dateOfBirth: birthDate(i) }],
  identifiers: [{ type: 'PHONE', value: `+1520${String(5_000_000 + i).padStart(7, '0')}` }],
  firearms: [{ serialNumber: `BN${i + 100_000}` }],
});

async function main(): Promise<void> {
  if (!Number.isInteger(WORKER_NICE) || WORKER_NICE < -20 || WORKER_NICE > 19) {
    throw new Error(`BENCH_WORKER_NICE must be an integer from -20 to 19, not ${process.env.BENCH_WORKER_NICE}`);
  }
  const root = await mkdtemp(path.join(os.tmpdir(), 'casecoord-bench-'));
  await chmod(root, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), port: await freePort(), database: 'bench', log });
  const appDatabaseUrl = await prepareAppDatabase(pg.url, freshAppPassword());
  const codecEnv = { PAYLOAD_CODEC_KEYS: generatePayloadCodecKeys() };
  const cli = await ensureTemporalCli(log);
  const temporalPort = await freePort();
  // The test suite's Temporal (TestWorkflowEnvironment) keeps state in memory; BENCH_TEMPORAL_DB=file measures the
  // db-file server of `npm start` instead.
  const dbFile = process.env.BENCH_TEMPORAL_DB === 'file' ? path.join(root, 'temporal.db') : undefined;
  log(`Temporal dev server state: ${dbFile ? 'sqlite file' : 'in memory'}`);
  const temporal = await startTemporalDevServer({ cli, dbFile, port: temporalPort, headless: true });
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  const app = await startAppProcesses({ DATABASE_URL: appDatabaseUrl, ...codecEnv, TEMPORAL_ADDRESS: temporalAddress, LOG_LEVEL: 'warn', NODE_ENV: 'development', WRITE_RATE_LIMIT: '0' }, await freePort(), 'quiet');
  if (WORKER_NICE !== 0) {
    // Per thread: Linux applies a priority to one thread, and the SDK's core threads already run.
    for (const thread of readdirSync(`/proc/${app.worker.child.pid}/task`)) os.setPriority(Number(thread), WORKER_NICE);
    log(`worker runs at nice ${WORKER_NICE}`);
  }
  const connection = await Connection.connect({ address: temporalAddress });
  // The raw start rate is measured with the same payload encryption the API's client applies.
  const client = new Client({ connection, dataConverter: encryptingDataConverter(payloadCodecFromEnv(codecEnv)) });
  const rows: string[][] = [];
  try {
    const login = await fetch(`${app.apiUrl}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ice.agent', password: 'demo-password' }) });
    const { accessToken } = await login.json() as { accessToken: string };
    const post = async (i: number) => {
      const response = await fetch(`${app.apiUrl}/cases`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify(caseBody(i)),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(String(response.status));
    };
    log(`warm-up: 100 cases`);
    await runConcurrent(100, CONCURRENCY, (i) => post(-i - 1));

    // Processes of this run only: PostgreSQL by its data directory, the rest by their paths and ports.
    // The API and worker by this checkout's own paths: other checkouts' stacks on the machine run the same file names.
    const dist = path.join(repoRoot(), 'dist');
    const cpuGroups = {
      api: (c: string) => c.includes(path.join(dist, 'apps/api/src/main.js')),
      worker: (c: string) => c.includes(path.join(dist, 'apps/worker/src/main.js')),
      temporal: (c: string) => c.includes('start-dev') && c.includes(String(temporalPort)),
      postgres: (c: string) => c.includes(path.join(root, 'pg')),
    };
    const cpuBefore = cpuSeconds(cpuGroups);
    log(`HTTP intake: ${TOTAL} cases at concurrency ${CONCURRENCY}`);
    const intake = await runConcurrent(TOTAL, CONCURRENCY, post);
    rows.push(row('POST /cases (end to end)', intake));
    const drainStart = performance.now();
    const db = new PgClient({ connectionString: pg.url });
    await db.connect();
    for (;;) {
      const { rows: r } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE status <> 'ACTIVE'`);
      if (r[0].n === 0 || performance.now() - drainStart > 300_000) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    const drainedMs = performance.now() - drainStart;
    const cpuUsed = cpuReport(cpuBefore, cpuSeconds(cpuGroups), TOTAL, 'case (intake and the workflows it starts)');

    // The same intake with the worker stopped: what the API, PostgreSQL and Temporal's start path sustain when the
    // workflows' own work runs elsewhere (a worker on other cores or machines), i.e. how much of the gap to the raw
    // start rate is two cores shared with the worker.
    log(`HTTP intake with the worker stopped: ${TOTAL} cases at concurrency ${CONCURRENCY}`);
    await app.worker.stop();
    const apiOnlyCpuBefore = cpuSeconds(cpuGroups);
    const apiOnly = await runConcurrent(TOTAL, CONCURRENCY, (i) => post(TOTAL + i));
    const apiOnlyCpu = cpuReport(apiOnlyCpuBefore, cpuSeconds(cpuGroups), TOTAL, 'case accepted with the worker stopped');
    rows.push(row('POST /cases (worker stopped)', apiOnly));

    log(`baseline: raw client.workflow.start x ${TOTAL} (task queue without workers)`);
    const starts = await runConcurrent(TOTAL, CONCURRENCY, async () => {
      await client.workflow.start('caseWorkflow', { taskQueue: 'bench-no-worker', workflowId: `bench-${randomUUID()}`, args: [{ caseId: randomUUID() }] });
    });
    rows.push(row('baseline: workflow.start', starts));

    log(`baseline: raw INSERT x ${TOTAL}`);
    await db.query('CREATE TABLE bench_raw (id uuid PRIMARY KEY, title text, payload jsonb, created_at timestamptz)');
    const pool = new Pool({ connectionString: pg.url, max: CONCURRENCY });
    const inserts = await runConcurrent(TOTAL, CONCURRENCY, async (i) => {
      await pool.query('INSERT INTO bench_raw VALUES ($1, $2, $3, now())', [randomUUID(), `raw ${i}`, JSON.stringify(caseBody(i))]);
    });
    rows.push(row('baseline: raw INSERT', inserts));
    await pool.end();
    await db.end();

    console.log('');
    printTable(rows);
    const endToEnd = TOTAL / (intake.elapsedMs / 1000);
    const startRate = TOTAL / (starts.elapsedMs / 1000);
    console.log('');
    console.log(`end to end ${endToEnd.toFixed(1)} cases/s = ${(100 * endToEnd / startRate).toFixed(0)}% of the raw workflow-start rate; ` +
      `all ${TOTAL} workflows ACTIVE ${(drainedMs / 1000).toFixed(1)} s after the last 201 (${os.cpus().length} cores)`);
    console.log(cpuUsed);
    const apiOnlyRate = TOTAL / (apiOnly.elapsedMs / 1000);
    console.log(`with the worker stopped: ${apiOnlyRate.toFixed(1)} cases/s = ${(100 * apiOnlyRate / startRate).toFixed(0)}% of the raw workflow-start rate`);
    console.log(apiOnlyCpu);
  } finally {
    await connection.close();
    await app.stop();
    await temporal.stop();
    await pg.stop();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
