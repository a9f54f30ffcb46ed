import { createHash } from 'node:crypto';
import type { Client } from 'pg';
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

/** Statement names by text: a name is the text's hash, so two texts never share one on a connection. */
const statementNames = new Map<string, string>();

const statementName = (sql: string): string => {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `cc_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
};

/**
 * Rows of a statement of fixed text that PostgreSQL prepares once per connection and, after five runs, runs on its
 * generic plan unless that looks costlier than planning for the parameters. For statements run on every check or case
 * whose planning cost more than their execution: a person check's vocabulary read spent 0.8 ms planning and 0.4
 * executing (bench/check-overhead.ts, 1,000,000 persons); prepared, it took 0.7-0.8 ms instead of 1.4-1.5 at the
 * median. A hit read by its id (hit-rows.ts) planned for 2.8-8.7 ms and ran in under one. On a query runner's connection
 * (a transaction, onOneConnection), or on one the pool lends for the statement; each pooled connection prepares it once.
 *
 * Two rules for what comes here:
 * - Its best plan must not depend on its parameters: a person read's blocking must not come here. A parameter that is
 *   an array keeps custom plans anyway (PostgreSQL takes an unknown array for ten elements, so the generic plan looks
 *   costlier): what gains is a statement of scalar parameters, a row by its key.
 * - Its columns are named, never `*` at the top: a prepared statement whose result gains a column (a migration adding one
 *   while the API runs) fails with "cached plan must not change result type" until its connection closes.
 */
export async function queryPrepared<Row>(db: Db, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  const runner = 'queryRunner' in db ? db.queryRunner : undefined;
  if (runner === undefined) {
    const pool = 'createQueryRunner' in db ? db : (db.connection as DataSource | undefined);
    // Without a pool to lend a connection (a bench's recording stand-in), planned as `query` does.
    if (pool === undefined) return query<Row>(db, sql, params);
    return onOneConnection(pool, (held) => queryPrepared<Row>(held, sql, params));
  }
  if (runner.isReleased) return query<Row>(db, sql, params);
  const client = await (runner as unknown as { connect(): Promise<Client> }).connect();
  return (await client.query({ name: statementName(sql), text: sql, values: params as unknown[] })).rows as Row[];
}

/** The first row of a prepared statement (queryPrepared), or undefined. */
export async function queryOnePrepared<Row>(db: Db, sql: string, params: readonly unknown[] = []): Promise<Row | undefined> {
  return (await queryPrepared<Row>(db, sql, params))[0];
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

/**
 * A row type's columns, named for a prepared statement (queryPrepared must not take `*`), as a select list; it does
 * not compile while `Row` has a field the list leaves out, so the list cannot fall behind the row.
 * `rowColumns<CaseRow>()(['id', ...])`.
 */
export const rowColumns = <Row>() => <const Columns extends readonly (keyof Row & string)[]>(
  columns: Columns & ([Exclude<keyof Row, Columns[number]>] extends [never] ? unknown : { missing: Exclude<keyof Row, Columns[number]> }),
): string => columns.join(', ');
