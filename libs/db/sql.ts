import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one persistence style: SQL written out, rows typed at the boundary. TypeORM stays for the pool, transactions and
 * migrations; a repository declares the shape of each row it selects (snake_case, as PostgreSQL names the columns)
 * and maps it to its record in one function.
 */
export type Db = DataSource | EntityManager;

/**
 * Statements in turn on one pooled connection, outside any transaction (each commits on its own): the pool's turn is
 * taken once, not per statement. Released before the caller opens a transaction, so no request holds two connections.
 */
export async function onOneConnection<T>(dataSource: DataSource, work: (db: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}

/** Rows of a SELECT, or of an INSERT/UPDATE/DELETE ... RETURNING (TypeORM answers the latter as [rows, count]). */
export async function query<Row>(db: Db, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  const result: unknown = await db.query(sql, params as unknown[]);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as Row[];
  }
  return result as Row[];
}

/** The first row, or undefined. */
export async function queryOne<Row>(db: Db, sql: string, params: readonly unknown[] = []): Promise<Row | undefined> {
  return (await query<Row>(db, sql, params))[0];
}

/** For a statement whose row must exist (it was just inserted, or locked by the same transaction). */
export function assertDefined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`${what}: expected a row, found none`);
  return value;
}
