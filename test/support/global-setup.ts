import { TestWorkflowEnvironment } from '@temporalio/testing';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generatePayloadCodecKeys } from '../../libs/config/codec-config';
import { generateSecretsKeys } from '../../libs/config/secrets-keys';
import { freshAppPassword, prepareAppDatabase } from '../../libs/devstack/app-database';
import { AppProcesses, startAppProcesses } from '../../libs/devstack/app-processes';
import { startEmbeddedPostgres } from '../../libs/devstack/embedded-postgres';
import { freePort } from '../../libs/devstack/processes';
import { ensureTemporalCli } from '../../libs/devstack/temporal-cli';
import { SCREENSHOT_DIR } from '../browser/support/browser';
import { CLOCK_TEST_ENV, LONG_CLOCKS, STACK_FILE, StackInfo, TEST_ENV } from './stack';

const log = (line: string): void => { process.stdout.write(`[test-stack] ${line}\n`); };

/**
 * One PostgreSQL and one Temporal for the whole run, plus two pairs of the compiled API and worker as child processes
 * (the way they run in production): the shared pair with long clocks, and the clock pair, on its own task queue, with
 * second-scale deadlines for the tests about clocks.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const root = await mkdtemp(path.join(os.tmpdir(), 'casecoord-test-'));
  // mkdtemp makes the folder private to root; PostgreSQL runs as the postgres user and must reach its data dir.
  await chmod(root, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(root, 'postgres'), port: await freePort(), database: 'casecoord_test', log,
  });
  // Migrations as the superuser; the API and worker log in as the app role (pg.url stays for tests' assertions).
  const appDatabaseUrl = await prepareAppDatabase(pg.url, freshAppPassword(), log);

  const cli = await ensureTemporalCli(log);
  const temporalPort = await freePort();
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli }, ip: '127.0.0.1', port: temporalPort, ui: false },
  });
  const temporalAddress = `127.0.0.1:${temporalPort}`;

  const [apiPort, clockApiPort] = [await freePort(), await freePort()];
  // A payload key of this run's own, shared by both pairs; tests that talk to Temporal read it from the stack file's env.
  const env = {
    ...TEST_ENV, ...LONG_CLOCKS,
    DATABASE_URL: appDatabaseUrl, TEMPORAL_ADDRESS: temporalAddress, PAYLOAD_CODEC_KEYS: generatePayloadCodecKeys(),
    SECRETS_KEYS: generateSecretsKeys(),
  };
  const clockEnv = { ...env, ...CLOCK_TEST_ENV };
  const output = process.env.TEST_STACK_LOGS ? 'prefixed' : 'quiet';
  // The clock pair boots while the shared one does and is not waited for here: only the tests about clocks need it,
  // and clockHttp() waits for its /health on first use, so its boot overlaps the first specs instead of delaying all.
  const clockApp = startAppProcesses(clockEnv, clockApiPort, output);
  clockApp.catch((error: Error) => log(`the clock pair did not start: ${error.message}`));
  let app: AppProcesses;
  try {
    app = await startAppProcesses(env, apiPort, output);
  } catch (error) {
    await clockApp.then((pair) => pair.stop(), () => undefined);
    throw error;
  }
  const info: StackInfo = {
    apiUrl: app.apiUrl, clockApiUrl: `http://127.0.0.1:${clockApiPort}`, databaseUrl: pg.url, appDatabaseUrl, temporalAddress, temporalCli: cli, root, env, clockEnv,
  };
  await writeFile(STACK_FILE, JSON.stringify(info, null, 2));
  process.env.TEST_STACK_FILE = STACK_FILE;
  Object.assign(globalThis, { __CASECOORD_STACK__: { pg, temporal, app, clockApp } });
  log(`stack ready in ${Math.round((Date.now() - started) / 1000)} s: api ${app.apiUrl}, clock api on port ${clockApiPort} (starting), temporal ${temporalAddress}`);
  log(`browser screenshots of the console's pages go to ${SCREENSHOT_DIR}`);
}
