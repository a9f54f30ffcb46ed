import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../libs/devstack/embedded-postgres';
import { freePort } from '../libs/devstack/processes';
import { cpuSeconds } from './support/cpu';
import { printGrid } from './support/report';

/**
 * npm run bench:round-trip: what one statement costs the machine apart from its own work, the unit every "fewer round
 * trips" change is paid in. One client sends ROUND_TRIPS (default 5000) statements one after another to a fresh embedded
 * PostgreSQL, over TCP on 127.0.0.1 (as the API and worker connect) and over the server's Unix socket, and prints per
 * statement the wall time, the client's CPU (user and system, the socket writes included) and the server process's CPU
 * (read from /proc, so the server must run on this machine). `SELECT 1` over TCP is the baseline; a row read by its key,
 * prepared, shows what parsing a row adds.
 */
const ROUND_TRIPS = Number(process.env.ROUND_TRIPS ?? 5000);
const WARM_UP = 500;

interface Timing { label: string; wallUs: number; clientUs: number; clientSystemUs: number; serverUs: number }

/** The server process's CPU so far, in microseconds (/proc, bench/support/cpu.ts). */
const serverCpuUs = (pid: number): number => cpuSeconds({ server: (_cmdline, candidate) => candidate === pid }).server * 1e6;

async function time(client: Client, serverPid: number, label: string, send: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARM_UP; i += 1) await send(i);
  const cpu = process.cpuUsage();
  const server = serverCpuUs(serverPid);
  const started = process.hrtime.bigint();
  for (let i = 0; i < ROUND_TRIPS; i += 1) await send(i);
  const wallUs = Number(process.hrtime.bigint() - started) / 1000 / ROUND_TRIPS;
  const used = process.cpuUsage(cpu);
  return {
    label, wallUs, clientUs: (used.user + used.system) / ROUND_TRIPS, clientSystemUs: used.system / ROUND_TRIPS,
    serverUs: (serverCpuUs(serverPid) - server) / ROUND_TRIPS,
  };
}

async function measure(connectionString: string, transport: string): Promise<Timing[]> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const { rows: [{ pid }] } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await client.query('CREATE TABLE IF NOT EXISTS rows_by_key (id integer PRIMARY KEY, name text NOT NULL, at timestamptz NOT NULL)');
    await client.query(`INSERT INTO rows_by_key SELECT i, 'name ' || i, now() FROM generate_series(1, 1000) AS i ON CONFLICT DO NOTHING`);
    return [
      await time(client, pid, `${transport}: SELECT 1`, () => client.query('SELECT 1')),
      await time(client, pid, `${transport}: a row by its key, prepared`, (i) => client.query({
        name: 'row_by_key', text: 'SELECT id, name, at FROM rows_by_key WHERE id = $1', values: [(i % 1000) + 1],
      })),
    ];
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'casecoord-bench-round-trip-'));
  try {
    // mkdtemp makes the folder private to root; PostgreSQL runs as the postgres user and must reach its data dir.
    await chmod(root, 0o755);
    const dataDir = path.join(root, 'pg');
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres', log: (line) => console.log(`[bench] ${line}`) });
    try {
      const tcp = await measure(pg.url, 'TCP 127.0.0.1');
      const socketUrl = new URL(pg.url);
      socketUrl.searchParams.set('host', dataDir);
      const socket = await measure(socketUrl.toString(), 'Unix socket');
      const baseline = tcp[0];
      const baselineCpu = baseline.clientUs + baseline.serverUs;
      console.log(`\nper statement, ${ROUND_TRIPS} in a row on one connection (${os.cpus().length} cores); baseline: ${baseline.label}\n`);
      printGrid(['statement', 'wall us', 'client CPU us', 'of it system', 'server CPU us', 'CPU vs baseline'], [...tcp, ...socket].map((r) => [
        r.label, r.wallUs.toFixed(1), r.clientUs.toFixed(1), r.clientSystemUs.toFixed(1), r.serverUs.toFixed(1),
        `${((r.clientUs + r.serverUs) / baselineCpu).toFixed(2)}x`,
      ]));
    } finally {
      await pg.stop();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
