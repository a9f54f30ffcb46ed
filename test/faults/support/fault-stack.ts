import { Client, Connection } from '@temporalio/client';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { generatePayloadCodecKeys } from '../../../libs/config/codec-config';
import { freshAppPassword, prepareAppDatabase } from '../../../libs/devstack/app-database';
import { encryptingDataConverter, payloadCodecFromEnv } from '../../../libs/temporal-codec/data-converter';
import { repoRoot } from '../../../libs/devstack/app-processes';
import { freePort, ManagedProcess, startProcess, waitForHttp, waitForPort } from '../../../libs/devstack/processes';
import { ensureTemporalCli } from '../../../libs/devstack/temporal-cli';
import { startTemporalDevServer } from '../../../libs/devstack/temporal-dev-server';
import { STACK_FILE, StackInfo, TEST_ENV } from '../../support/stack';

const log = (line: string): void => { process.stdout.write(`[fault-stack] ${line}\n`); };
const output = (): 'prefixed' | 'quiet' => (process.env.TEST_STACK_LOGS ? 'prefixed' : 'quiet');

/**
 * A whole system per fault spec, each part a process of its own so a test can kill or stop it and start it again on
 * the same port and the same data: PostgreSQL (data directory), the Temporal dev server (db file, so workflows and
 * timers outlive a restart, as with `npm start`), the worker and the API.
 *
 * The stack is described in the same stack file the shared suite uses, so test/support/http.ts (http, login, withDb,
 * withTemporal) works unchanged against it.
 */
/** The port opens before the server accepts sessions (startup, recovery): wait for a real query. */
async function waitForPostgres(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new PgClient({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

export class FaultStack {
  private pg?: ManagedProcess;
  private temporal?: ManagedProcess;
  private worker?: ManagedProcess;
  private api?: ManagedProcess;
  /** Second (third...) APIs and workers of a multi-process test. */
  private readonly extras: ManagedProcess[] = [];

  /** What the API and worker log in with: the app role, not the superuser of `databaseUrl`. */
  private appDatabaseUrl = '';

  private constructor(
    private readonly root: string,
    private readonly pgPort: number,
    private readonly temporalPort: number,
    private readonly apiPort: number,
    private readonly cli: string,
    readonly env: Record<string, string>,
  ) {}

  get databaseUrl(): string { return `postgres://postgres:postgres@127.0.0.1:${this.pgPort}/casecoord_faults`; }
  get temporalAddress(): string { return `127.0.0.1:${this.temporalPort}`; }
  get apiUrl(): string { return `http://127.0.0.1:${this.apiPort}`; }

  static async start(env: Record<string, string> = {}): Promise<FaultStack> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'casecoord-faults-'));
    await chmod(root, 0o755);
    const [pgPort, temporalPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const stack = new FaultStack(root, pgPort, temporalPort, apiPort, await ensureTemporalCli(log), {
      ...TEST_ENV, PAYLOAD_CODEC_KEYS: generatePayloadCodecKeys(), ...env,
    });
    try {
      await stack.startPostgres();
      stack.appDatabaseUrl = await prepareAppDatabase(stack.databaseUrl, freshAppPassword());
      await stack.startTemporal();
      await stack.startWorker();
      await stack.startApi();
      const info: StackInfo = {
        apiUrl: stack.apiUrl, databaseUrl: stack.databaseUrl, appDatabaseUrl: stack.appDatabaseUrl,
        temporalAddress: stack.temporalAddress, temporalCli: stack.cli,
        root, env: stack.env,
      };
      await writeFile(STACK_FILE, JSON.stringify(info, null, 2));
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  private childEnv(port = this.apiPort): NodeJS.ProcessEnv {
    return { ...process.env, ...this.env, DATABASE_URL: this.appDatabaseUrl, TEMPORAL_ADDRESS: this.temporalAddress, PORT: String(port) };
  }

  /**
   * One more worker against the same PostgreSQL and Temporal server (same task queue), as a deployment that runs
   * several does; stop() ends it with the rest.
   */
  startExtraWorker(): ManagedProcess {
    const worker = startProcess(`worker-${this.extras.length + 2}`, process.execPath, [
      path.join(repoRoot(), 'dist/apps/worker/src/main.js'),
    ], this.childEnv(), output());
    this.extras.push(worker);
    return worker;
  }

  /** One more API on a port of its own, same database, Temporal server and secrets; answers its base URL once healthy. */
  async startExtraApi(): Promise<{ url: string; process: ManagedProcess }> {
    const port = await freePort();
    const api = startProcess(`api-${this.extras.length + 2}`, process.execPath, [
      path.join(repoRoot(), 'dist/apps/api/src/main.js'),
    ], this.childEnv(port), output());
    this.extras.push(api);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/health`, 90_000);
    return { url, process: api };
  }

  /** SIGKILL, as a crashed host or an OOM kill: no shutdown hook runs, open connections and streams just drop. */
  static async kill(managed: ManagedProcess): Promise<void> {
    if (managed.child.exitCode !== null || managed.child.signalCode !== null) return;
    const exited = new Promise((resolve) => managed.child.once('exit', resolve));
    managed.child.kill('SIGKILL');
    await exited;
  }

  async startPostgres(): Promise<void> {
    this.pg = startProcess('postgres', process.execPath, [
      path.join(repoRoot(), 'dist/scripts/run-postgres.js'), path.join(this.root, 'postgres'), String(this.pgPort),
    ], process.env, output());
    await waitForPort('127.0.0.1', this.pgPort, 120_000);
    await waitForPostgres(this.databaseUrl.replace(/\/casecoord_faults$/, '/postgres'), 60_000);
  }

  /** A fast shutdown: PostgreSQL ends every session, rolling back open transactions, as a crash or failover would. */
  async stopPostgres(): Promise<void> {
    await this.pg?.stop(30_000);
    this.pg = undefined;
  }

  async startTemporal(): Promise<void> {
    this.temporal = await startTemporalDevServer({
      cli: this.cli, dbFile: path.join(this.root, 'temporal.db'), port: this.temporalPort, headless: true,
    });
  }

  async stopTemporal(): Promise<void> {
    await this.temporal?.stop(20_000);
    this.temporal = undefined;
  }

  async startWorker(): Promise<void> {
    this.worker = startProcess('worker', process.execPath, [path.join(repoRoot(), 'dist/apps/worker/src/main.js')], this.childEnv(), output());
  }

  /** SIGKILL: no shutdown hook runs, in-flight activities and workflow tasks are simply lost to the server. */
  async killWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.child.once('exit', resolve));
    worker.child.kill('SIGKILL');
    await exited;
    this.worker = undefined;
  }

  async stopWorker(): Promise<void> {
    await this.worker?.stop(20_000);
    this.worker = undefined;
  }

  get workerAlive(): boolean {
    return !!this.worker && this.worker.child.exitCode === null && this.worker.child.signalCode === null;
  }

  get workerPid(): number | undefined { return this.worker?.child.pid; }

  async startApi(): Promise<void> {
    this.api = startProcess('api', process.execPath, [path.join(repoRoot(), 'dist/apps/api/src/main.js')], this.childEnv(), output());
    await waitForHttp(`${this.apiUrl}/health`, 90_000);
  }

  async db<T>(work: (db: PgClient) => Promise<T>): Promise<T> {
    const client = new PgClient({ connectionString: this.databaseUrl });
    await client.connect();
    try { return await work(client); } finally { await client.end(); }
  }

  async temporalClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const connection = await Connection.connect({ address: this.temporalAddress });
    const dataConverter = encryptingDataConverter(payloadCodecFromEnv(this.env));
    try { return await work(new Client({ connection, dataConverter })); } finally { await connection.close(); }
  }

  async stop(): Promise<void> {
    for (const extra of this.extras) await extra.stop().catch(() => undefined);
    await this.api?.stop().catch(() => undefined);
    await this.worker?.stop().catch(() => undefined);
    await this.temporal?.stop().catch(() => undefined);
    await this.pg?.stop(30_000).catch(() => undefined);
    await rm(this.root, { recursive: true, force: true });
    await rm(STACK_FILE, { force: true });
  }
}
