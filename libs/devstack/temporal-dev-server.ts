import { hasExited, startProcess, ManagedProcess, waitForPort } from './processes';

export interface DevServerOptions {
  cli: string;
  /** Without one, state is in memory (benchmarks). */
  dbFile?: string;
  port: number;
  uiPort?: number;
  headless?: boolean;
  /** The UI's codec server (`--ui-codec-endpoint`), e.g. the API's `/codec`. */
  uiCodecEndpoint?: string;
  /** SQLite pragmas for the db file (`--sqlite-pragma name=value`); ignored without one. */
  sqlitePragmas?: Record<string, string>;
}

/**
 * `npm start`'s db file in write-ahead-log mode: a commit appends to the log instead of rewriting pages under a
 * rollback journal, and with synchronous=NORMAL it is not fsynced until a checkpoint. A crash of the server process
 * loses nothing committed (the log is in the OS's hands); a power loss or kernel crash can lose the last transactions
 * before the checkpoint, never corrupt the file. `npm run bench:sustained` measures it against the in-memory server.
 */
export const WAL_SQLITE_PRAGMAS: Readonly<Record<string, string>> = { journal_mode: 'WAL', synchronous: 'NORMAL' };

/** `temporal server start-dev` with a db file, so workflows and timers survive a restart of the stack. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<ManagedProcess> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'error',
    '--namespace', 'default'];
  if (options.dbFile) {
    args.push('--db-filename', options.dbFile);
    for (const [name, value] of Object.entries(options.sqlitePragmas ?? {})) args.push('--sqlite-pragma', `${name}=${value}`);
  }
  if (options.headless) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort ?? options.port + 1000));
  if (options.uiCodecEndpoint && !options.headless) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  return startListening(() => startProcess('temporal', options.cli, args, process.env, 'quiet'), options.port);
}

/**
 * The dev server picks its internal services' ports itself (bind, close, bind again later), so on a busy machine one
 * may be taken in between and the process exits at start-up. That is worth one more start; a server that is merely
 * slow gets the whole wait, and a second death is reported with the server's own last words.
 */
async function startListening(start: () => ManagedProcess, port: number): Promise<ManagedProcess> {
  for (let attempt = 1; ; attempt += 1) {
    const server = start();
    try {
      await waitForPort('127.0.0.1', port, 120_000, server);
      return server;
    } catch (error) {
      const died = hasExited(server);
      await server.stop(5_000);
      if (!died || attempt === 2) throw error;
      process.stderr.write(`[temporal] ${String(error)}\n[temporal] starting it once more\n`);
    }
  }
}
