import type { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/db/data-source';
import { queryOne } from '../../libs/db/sql';
import { readStack } from '../support/stack';

/**
 * DATABASE_POOL_WARM (libs/db/pool.ts): the connections a process keeps open however long they idle, so a check after a
 * quiet spell runs on a backend whose caches and prepared statements are warm instead of on a new one; any other
 * connection closes after DATABASE_POOL_IDLE_TIMEOUT, shortened here to 100 ms.
 */
describe('the connection pool across a quiet spell', () => {
  const IDLE_MS = 100;
  const pause = (ms: number) => new Promise((resolve) => { setTimeout(resolve, ms); });
  // A backend is its pid and start time: a new one could reuse an old pid, not both.
  const backend = async (dataSource: DataSource) => JSON.stringify(await queryOne(dataSource,
    `SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()`));

  async function backendsBeforeAndAfterIdling(warm: number): Promise<[string, string]> {
    const dataSource = createDataSource({
      url: readStack().databaseUrl, asAppRole: true, poolSize: 3, applicationName: 'service-spec-pool', pool: { warm, idleTimeoutMs: IDLE_MS },
    });
    await dataSource.initialize();
    try {
      const before = await backend(dataSource);
      await pause(IDLE_MS * 5);
      return [before, await backend(dataSource)];
    } finally {
      await dataSource.destroy();
    }
  }

  it('keeps a warm connection open past the idle timeout', async () => {
    const [before, after] = await backendsBeforeAndAfterIdling(1);
    expect(after).toBe(before);
  });

  it('closes any other connection once it has idled that long', async () => {
    const [before, after] = await backendsBeforeAndAfterIdling(0);
    expect(after).not.toBe(before);
  });
});
