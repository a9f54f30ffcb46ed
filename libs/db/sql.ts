import { createHash } from 'node:crypto';
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

/**
 * As `query`, as a named prepared statement: each connection parses and analyses the text once, not on every call
 * (a person check's reads are a few kilobytes of SQL each: 0.6-0.7 ms of a check at 1,000,000 persons, measured with
 * bench/check-overhead.ts). Each call is still planned for its own parameters, as an unnamed statement is: every
 * connection sets plan_cache_mode=force_custom_plan (data-source.ts), since a generic plan cannot see how common a
 * name's tokens or how wide a date range are. For the few statements run on every check or pass, whose text takes a
 * bounded number of shapes: each shape is kept by every connection that runs it, for the connection's life.
 */
export async function queryPrepared<Row>(db: Db, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  // TypeORM hands the statement to pg unchanged (PostgresQueryRunner.query), and pg prepares one given as { name, text }
  // once per connection; the name is the text's, so two texts can never share one.
  const statement: PreparedStatement = { name: `q_${createHash('sha1').update(sql).digest('base64url')}`, text: sql };
  return query<Row>(db, statement as unknown as string, params);
}

/** What `db.query` receives from queryPrepared in place of a text (a wrapper that reads the text: statementText). */
export interface PreparedStatement { name: string; text: string }

export const statementText = (sql: string | PreparedStatement): string => (typeof sql === 'string' ? sql : sql.text);

/** The first row, or undefined. */
export async function queryOne<Row>(db: Db, sql: string, params: readonly unknown[] = []): Promise<Row | undefined> {
  return (await query<Row>(db, sql, params))[0];
}

/** For a statement whose row must exist (it was just inserted, or locked by the same transaction). */
export function assertDefined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`${what}: expected a row, found none`);
  return value;
}
