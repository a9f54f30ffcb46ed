import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { createDataSource } from '../../libs/db/data-source';
import { isConnectionFailure } from '../../libs/db/sql-state';
import { eventually, withDb } from '../support/http';
import { readStack } from '../support/stack';

/**
 * PostgreSQL ends a session (shutdown, failover, pg_terminate_backend) while our pool has lent its connection out and
 * no statement is running on it. Before clientClassReportingTo, pg emitted 'error' with nobody listening and Node
 * ended the process: the worker died that way in test/faults/postgres.spec.ts.
 */
describe('a pooled connection PostgreSQL drops while it is checked out', () => {
  const lost: string[] = [];
  const dataSource = createDataSource({
    url: readStack().databaseUrl, asAppRole: true, poolSize: 1, applicationName: 'connection-loss-test',
    onConnectionLost: (error) => lost.push(error.message),
  });
  beforeAll(() => dataSource.initialize());
  afterAll(() => dataSource.destroy());

  it('is reported, not thrown, and the pool serves the next query on a new connection', async () => {
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    expect(client.listenerCount('error')).toBeGreaterThan(0);
    const pid = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);

    await withDb((db) => db.query('SELECT pg_terminate_backend($1)', [pid]));
    await eventually(async () => lost.length, (n) => n > 0);
    expect(lost[0]).toMatch(/terminating connection due to administrator command|Connection terminated/);
    await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable/);
    client.release();

    const [{ pid: newPid }] = await dataSource.query('SELECT pg_backend_pid() AS pid');
    expect(Number(newPid)).not.toBe(pid);
  });

  it('fails a transaction whose session ends before COMMIT with an error the API answers 503 to, and nothing commits', async () => {
    const marker = `connection-loss-${Date.now()}`;
    const reported = lost.length;
    const failure = await dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES (gen_random_uuid(), $1, 'x')`, [marker]);
      const [{ pid }] = await tx.query('SELECT pg_backend_pid() AS pid');
      await withDb((db) => db.query('SELECT pg_terminate_backend($1)', [pid]));
      await eventually(async () => lost.length, (n) => n > reported);
    }).then(() => null, (error: Error) => error);

    expect(failure).not.toBeNull();
    expect(isConnectionFailure(failure)).toBe(true);
    const left = await withDb((db) => db.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [marker]));
    expect(left.rows[0].n).toBe(0);
  });
});
