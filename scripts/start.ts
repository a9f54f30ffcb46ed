import path from 'node:path';
import { DEMO_USERS } from '../libs/auth/demo-users';
import { loadConfig } from '../libs/config/config';
import { readOrCreateSecret } from '../libs/config/data-secrets';
import { ensureDatabase, runMigrations } from '../libs/db/migrate';
import { prepareAppDatabase } from '../libs/devstack/app-database';
import { repoRoot, startAppProcesses } from '../libs/devstack/app-processes';
import { startEmbeddedPostgres } from '../libs/devstack/embedded-postgres';
import { ManagedProcess } from '../libs/devstack/processes';
import { ensureTemporalCli } from '../libs/devstack/temporal-cli';
import { startTemporalDevServer, WAL_SQLITE_PRAGMAS } from '../libs/devstack/temporal-dev-server';

const log = (line: string): void => console.log(`[start] ${line}`);

/**
 * `npm start`: embedded PostgreSQL + Temporal dev server (unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere),
 * migrations, then the worker and the API. Data lives in $DATA_DIR (default ./.data) and is reused by the next start.
 */
async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(repoRoot(), '.data'));
  const stoppers: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      log('stopping ...');
      for (const stop of stoppers.reverse()) await stop().catch((e) => log(`stop failed: ${String(e)}`));
      log('stopped');
    }
    process.exit(code);
  };
  // embedded-postgres installs exit hooks that stop PostgreSQL and exit on the first signal, which would orphan
  // Temporal and race the worker; this script owns the order instead: API and worker, then Temporal, then PostgreSQL.
  // A second signal (Ctrl-C pressed again) is ignored rather than left to kill this script halfway through the stop;
  // each child stops once, on the first (the terminal's SIGINT reaches it too) or on the SIGTERM its stop sends.
  const takeOverSignals = (): void => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => { if (!stopping) void stopAll(0); });
    }
  };
  takeOverSignals();

  // Migrations run with the privileged URL; the API and worker get a login without superuser rights (see README,
  // Database roles): DATABASE_URL as given when MIGRATION_DATABASE_URL is set too, else the app role's own login on
  // the same server, with a password kept in the data folder.
  let migrationUrl = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!migrationUrl) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port, database: 'casecoord', log });
    stoppers.push(pg.stop);
    takeOverSignals();
    migrationUrl = pg.url;
  }
  let databaseUrl = process.env.MIGRATION_DATABASE_URL ? process.env.DATABASE_URL : undefined;
  if (databaseUrl) {
    await ensureDatabase(migrationUrl);
    await runMigrations(migrationUrl, log);
  } else {
    databaseUrl = await prepareAppDatabase(migrationUrl, readOrCreateSecret('postgres-app-password', 24), log);
  }
  log('database ready');

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let uiUrl = process.env.TEMPORAL_UI_URL ?? '(external Temporal: see its own UI)';
  if (!temporalAddress) {
    const cli = await ensureTemporalCli(log);
    const port = Number(process.env.TEMPORAL_PORT ?? 7233);
    const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
    log(`starting Temporal dev server (${cli}) on 127.0.0.1:${port}, state in ${path.join(dataDir, 'temporal.db')} ...`);
    // Opt-in: the dev UI has no login, so it cannot send the ADMIN token the codec endpoint asks for (README).
    const uiCodecEndpoint = process.env.TEMPORAL_UI_CODEC_ENDPOINT;
    const server: ManagedProcess = await startTemporalDevServer({
      cli, dbFile: path.join(dataDir, 'temporal.db'), sqlitePragmas: WAL_SQLITE_PRAGMAS, port, uiPort, uiCodecEndpoint,
    });
    stoppers.push(() => server.stop());
    temporalAddress = `127.0.0.1:${port}`;
    uiUrl = `http://127.0.0.1:${uiPort}`;
    server.child.once('exit', (code) => { if (!stopping) { log(`Temporal dev server exited (${code})`); void stopAll(1); } });
  }

  const config = loadConfig();
  log('starting worker and API ...');
  const app = await startAppProcesses({ DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress }, config.port, 'prefixed');
  stoppers.push(app.stop);
  for (const child of [app.api, app.worker]) {
    // While stopping, how each child ended says whether it stopped by itself or had to be killed (SIGKILL).
    child.child.once('exit', (code, signal) => {
      log(`${child.name} exited (${signal ?? code})`);
      if (!stopping) void stopAll(1);
    });
  }

  const password = process.env.DEMO_PASSWORD ?? 'demo-password';
  console.log([
    '',
    `  Console      ${app.apiUrl}/   (open this in a browser)`,
    '',
    '  Case coordination engine is running',
    `  API          ${app.apiUrl}`,
    `  API docs     ${app.apiUrl}/docs`,
    `  Temporal UI  ${uiUrl}`,
    `  Data         ${dataDir}`,
    '',
    ...(config.production ? ['  Production mode: no demo users.'] : [
      `  Demo logins (password "${password}"):`,
      ...DEMO_USERS.map((u) => `    ${u.username.padEnd(12)} ${u.agency.padEnd(4)} ${u.roles.join(', ')}`),
      '',
      `  Try: curl -s -X POST ${app.apiUrl}/auth/token -H 'content-type: application/json' -d '{"username":"ice.agent","password":"${password}"}'`,
    ]),
    '',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n'));
}

main().catch((error) => {
  console.error(`[start] failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
