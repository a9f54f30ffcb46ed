import { startProcess, ManagedProcess, waitForPort } from './processes';

export interface DevServerOptions {
  cli: string;
  /** Without one, state is in memory (benchmarks). */
  dbFile?: string;
  port: number;
  uiPort?: number;
  headless?: boolean;
  /** The UI's codec server (`--ui-codec-endpoint`), e.g. the API's `/codec`. */
  uiCodecEndpoint?: string;
}

/** `temporal server start-dev` with a db file, so workflows and timers survive a restart of the stack. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<ManagedProcess> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'error',
    '--namespace', 'default'];
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.headless) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort ?? options.port + 1000));
  if (options.uiCodecEndpoint && !options.headless) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  const server = startProcess('temporal', options.cli, args, process.env, 'quiet');
  await waitForPort('127.0.0.1', options.port, 60_000);
  return server;
}
