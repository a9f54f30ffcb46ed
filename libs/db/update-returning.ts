import type { EntityManager } from 'typeorm';

/** TypeORM answers an UPDATE ... RETURNING with [rows, affectedCount]; this returns the rows. */
export async function updateReturning<T = Record<string, unknown>>(tx: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await tx.query(sql, params);
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
