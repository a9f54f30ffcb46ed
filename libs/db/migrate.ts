import { Client } from 'pg';
import { createDataSource } from './data-source';

/** Creates the database if the server lacks it, then applies pending migrations. Safe to run on every start. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

export async function runMigrations(url: string, log: (line: string) => void = () => undefined): Promise<string[]> {
  const dataSource = createDataSource({ url, asAppRole: false, poolSize: 1, applicationName: 'casecoord-migrate' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`migration applied: ${migration.name}`);
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
