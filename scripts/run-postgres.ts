import { startEmbeddedPostgres } from '../libs/devstack/embedded-postgres';

/**
 * `node dist/scripts/run-postgres.js DATA_DIR PORT`: the embedded PostgreSQL as a process of its own, stopped cleanly
 * (fast shutdown) on SIGTERM or SIGINT. The fault suite starts and stops PostgreSQL through it: Jest's module registry
 * cannot load the embedded-postgres ES module inside a test.
 */
async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !Number(port)) throw new Error('usage: run-postgres DATA_DIR PORT');
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const pg = await startEmbeddedPostgres({ dataDir, port: Number(port), database: 'postgres', log });
  log('postgres ready');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    pg.stop().then(() => process.exit(0), (error: unknown) => { log(`stop failed: ${String(error)}`); process.exit(1); });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`run-postgres failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
