import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one persistence style: SQL written out, rows typed at the boundary. TypeORM stays for the pool, transactions and
 * migrations; a repository declares the shape of each row it selects (snake_case, as PostgreSQL names the columns)
 * and maps it to its record in one function.
 */
export type Db = DataSource | EntityManager;

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
