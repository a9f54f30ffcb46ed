import { ensureDatabase, runMigrations } from '../libs/db/migrate';

/** One-shot migrations (docker compose's `migrate` service); runs as the schema owner, not the app role. */
async function main(): Promise<void> {
  const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('set MIGRATION_DATABASE_URL or DATABASE_URL');
  await ensureDatabase(url);
  const applied = await runMigrations(url, (line) => console.log(line));
  console.log(applied.length ? `applied ${applied.length} migration(s)` : 'schema up to date');
}

main().catch((error) => { console.error(error); process.exit(1); });
