import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { generatePayloadCodecKeys } from '../../libs/config/codec-config';
import { ensureDatabase } from '../../libs/db/migrate';
import { freshAppPassword, prepareAppDatabase } from '../../libs/devstack/app-database';
import { startAppProcesses } from '../../libs/devstack/app-processes';
import { EMBEDDED_SHARED_BUFFERS, startEmbeddedPostgres } from '../../libs/devstack/embedded-postgres';
import { freePort } from '../../libs/devstack/processes';
import { ensureTemporalCli } from '../../libs/devstack/temporal-cli';
import { startTemporalDevServer, WAL_SQLITE_PRAGMAS } from '../../libs/devstack/temporal-dev-server';
import type { Log } from './bulk-load';
import type { CpuGroups } from './cpu';
import { reserveHugePages } from './huge-pages';

/**
 * Where the Temporal dev server keeps its state: in memory (the test suite's and the benches' default), in a SQLite
 * file as `npm start` did before issue 20 (rollback journal, fsync per commit), or in the file with the pragmas
 * `npm start` now passes (WAL, synchronous=NORMAL).
 */
export const TEMPORAL_STATES = ['memory', 'file', 'file-wal'] as const;
export type TemporalState = (typeof TEMPORAL_STATES)[number];

/** The whole system in a temporary directory, as bench/intake.ts starts it: PostgreSQL, Temporal, worker, API. */
export interface BenchStack {
  pgUrl: string;
  apiUrl: string;
  temporalAddress: string;
  /** A directory of this stack's own, removed by stop (bench-only processes may keep files there). */
  root: string;
  settings: Record<string, string>;
  /** This stack's processes by process id (other stacks on the machine run the same command lines). */
  cpuGroups: CpuGroups;
  stop: () => Promise<void>;
}

export interface BenchStackOptions { temporal?: TemporalState; postgres?: Record<string, string> }

/**
 * Planner and memory settings from shared/notes/matching-calibration.md. The embedded server is started with `-c`
 * flags (shared_buffers 512MB, work_mem 32MB), which outrank postgresql.auto.conf, so ALTER SYSTEM cannot change them;
 * a per-database setting outranks the flags for every new session, which covers work_mem. shared_buffers needs
 * another flag at start: `startBenchStack`'s `options.postgres` settings (BULK_LOAD_SETTINGS).
 */
async function tuneDatabase(url: string): Promise<Record<string, string>> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const name = new URL(url).pathname.slice(1);
    await db.query(`ALTER DATABASE "${name}" SET work_mem = '64MB'`);
    await db.query(`ALTER DATABASE "${name}" SET random_page_cost = 1.1`);
  } finally {
    await db.end();
  }
  const check = new Client({ connectionString: url });
  await check.connect();
  try {
    const { rows } = await check.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM unnest(ARRAY['shared_buffers', 'work_mem', 'random_page_cost',
         'effective_cache_size', 'max_parallel_workers_per_gather', 'server_version', 'wal_level', 'max_wal_size',
         'max_parallel_maintenance_workers', 'huge_pages_status']) AS name`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } finally {
    await check.end();
  }
}

/**
 * Server settings for a bench that bulk-loads millions of rows (bench:deconfliction at BENCH_ROWS=10,000,000), never
 * for production or the tests:
 * - wal_level=minimal (max_wal_senders=0 is its requirement): COPY into a table truncated in the same transaction and
 *   CREATE INDEX write no WAL, the files are fsynced at commit instead. Nothing can replicate or restore from this WAL
 *   to a point in time; the bench's cluster is thrown away with its run. Reads and small commits are not affected.
 * - max_wal_size 8GB, checkpoint_timeout 30min: no checkpoint storm in the middle of the load.
 * - shared_buffers 6GB (a quarter of the 24 GiB machine, PostgreSQL's usual starting point): every matching index at
 *   10M rows fits, about 4 GiB (support/prewarm.ts reads them in after the load); the heaps, about 9 GiB, stay in the
 *   OS page cache. effective_cache_size tells the planner so. With 2GB the indexes did not fit, and the p95 person statement
 *   read half its buffers from outside PostgreSQL's cache.
 * - max_parallel_maintenance_workers 2: B-tree and GIN (PostgreSQL 18) index builds use a worker beside the leader.
 */
export const BULK_LOAD_SETTINGS: Record<string, string> = {
  wal_level: 'minimal', max_wal_senders: '0', max_wal_size: '8GB', checkpoint_timeout: '30min', shared_buffers: '6GB',
  effective_cache_size: '16GB', max_parallel_maintenance_workers: '2',
};

/**
 * BENCH_HUGE_PAGES=1: 2 MB pages reserved for the server's shared buffers (support/huge-pages.ts), given back when the
 * stack stops, and `huge_pages=on` so the server refuses to start rather than run without them. Otherwise the settings
 * as given (PostgreSQL's default `try` uses huge pages only where the machine already has them reserved).
 */
async function withHugePages(
  settings: Record<string, string> | undefined, stops: (() => Promise<void>)[], log: Log,
): Promise<Record<string, string> | undefined> {
  if (process.env.BENCH_HUGE_PAGES !== '1') return settings;
  const reservation = await reserveHugePages(settings?.shared_buffers ?? EMBEDDED_SHARED_BUFFERS, log);
  if (reservation === null) return settings;
  stops.push(reservation.release);
  return { ...settings, huge_pages: 'on' };
}

/**
 * The check budget the stack's API runs with: agents send checks back to back, and the real budget (60 values an hour,
 * 300 a day) would answer 429 after the first few, timing the limiter instead of the check. Its accounting (one indexed
 * sum per check) is still measured.
 */
export const UNLIMITED_CHECKS = { CHECK_BUDGET_PER_HOUR: '100000000', CHECK_BUDGET_PER_DAY: '100000000' };

/**
 * `env` adds settings of a bench's own (bench:alerts points SMTP_URL at its mail server); `options.postgres` adds server
 * settings (BULK_LOAD_SETTINGS), `options.temporal` where Temporal keeps its state.
 */
export async function startBenchStack(log: Log, env: Record<string, string> = {}, options: BenchStackOptions = {}): Promise<BenchStack> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'casecoord-bench-'));
  await chmod(root, 0o755);
  const stops: (() => Promise<void>)[] = [() => rm(root, { recursive: true, force: true })];
  const stop = async () => { for (const s of stops.splice(0).reverse()) await s().catch(() => undefined); };
  try {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(root, 'pg'), port: await freePort(), database: 'bench', log, settings: await withHugePages(options.postgres, stops, log),
    });
    stops.push(pg.stop);
    await ensureDatabase(pg.url);
    const settings = await tuneDatabase(pg.url);
    // pgUrl (the superuser) stays the loaders' and probes'; the API and worker log in as the app role.
    const appDatabaseUrl = await prepareAppDatabase(pg.url, freshAppPassword());
    const temporalPort = await freePort();
    const state = options.temporal ?? 'memory';
    const temporal = await startTemporalDevServer({
      cli: await ensureTemporalCli(log), port: temporalPort, headless: true,
      dbFile: state === 'memory' ? undefined : path.join(root, 'temporal.db'),
      sqlitePragmas: state === 'file-wal' ? WAL_SQLITE_PRAGMAS : undefined,
    });
    stops.push(() => temporal.stop());
    // One agent sends every check back to back: the per-user write limit (WRITE_RATE_LIMIT, 120 a minute) and the
    // check budget (UNLIMITED_CHECKS) would answer 429 after the first few, timing the limiters instead of matching.
    const app = await startAppProcesses({
      DATABASE_URL: appDatabaseUrl, TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`, LOG_LEVEL: 'warn', NODE_ENV: 'development',
      PAYLOAD_CODEC_KEYS: generatePayloadCodecKeys(),
      WRITE_RATE_LIMIT: '1000000', ...UNLIMITED_CHECKS,
      // bench:load logs in about 75 times a minute, all from 127.0.0.1: the per-address login limit would time itself.
      LOGIN_RATE_LIMIT: '0',
      ...env,
      // bench:stats signs in as demo leadership with a password alone (a second factor is the identity specs' subject).
      MFA_REQUIRED_ROLES: 'none',
    }, await freePort(), 'quiet');
    stops.push(app.stop);
    const pgDir = path.join(root, 'pg');
    const cpuGroups: CpuGroups = {
      api: (_c, pid) => pid === app.api.child.pid,
      worker: (_c, pid) => pid === app.worker.child.pid,
      temporal: (_c, pid) => pid === temporal.child.pid,
      // The postmaster by its data directory; its backends are counted as its children.
      postgres: (c) => c.includes(pgDir),
    };
    return { pgUrl: pg.url, apiUrl: app.apiUrl, temporalAddress: `127.0.0.1:${temporalPort}`, root, settings, cpuGroups, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
