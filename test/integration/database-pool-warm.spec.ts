import { Client } from 'pg';
import { ExtraApi, startExtraApi } from '../support/extra-api';
import { http, login } from '../support/http';
import { readStack } from '../support/stack';

/**
 * DATABASE_POOL_WARM through the API (libs/db/pool.ts): after a quiet spell longer than DATABASE_POOL_IDLE_TIMEOUT
 * (300 ms here), an API that keeps one warm connection still holds one more backend than an API that keeps none, the
 * two alike otherwise (the same requests, the same LISTEN connection). Each API's connections are told apart by an
 * application_name of its own in its DATABASE_URL.
 */
describe('an API keeps its warm connections through a quiet spell', () => {
  const IDLE = '300ms';
  const apis: Record<'warm' | 'cold', ExtraApi | undefined> = { warm: undefined, cold: undefined };
  let db: Client;

  const urlNamed = (name: string) => {
    const url = new URL(readStack().appDatabaseUrl);
    url.searchParams.set('application_name', name);
    return url.toString();
  };
  const backends = async (name: string) => Number((await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1`, [name])).rows[0].n);
  const pause = (ms: number) => new Promise((resolve) => { setTimeout(resolve, ms); });

  beforeAll(async () => {
    db = new Client({ connectionString: readStack().databaseUrl });
    await db.connect();
    [apis.warm, apis.cold] = await Promise.all([
      startExtraApi('api-pool-warm', { DATABASE_URL: urlNamed('pool-spec-warm'), DATABASE_POOL_WARM: '1', DATABASE_POOL_IDLE_TIMEOUT: IDLE }),
      startExtraApi('api-pool-cold', { DATABASE_URL: urlNamed('pool-spec-cold'), DATABASE_POOL_WARM: '0', DATABASE_POOL_IDLE_TIMEOUT: IDLE }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([apis.warm?.stop(), apis.cold?.stop()]);
    await db?.end();
  });

  it('holds one backend more than an API that keeps none', async () => {
    const token = await login('ice.agent');
    for (const api of [apis.warm!, apis.cold!]) {
      const listed = await http('GET', '/cases', { baseUrl: api.url, token });
      expect(listed.status).toBe(200);
    }
    await pause(1500);
    // The fewest over a few reads: a timer of either API (the refusals' flush) may borrow a connection for a moment.
    const fewest = async (name: string) => {
      let n = Infinity;
      for (let i = 0; i < 5; i += 1) { n = Math.min(n, await backends(name)); await pause(150); }
      return n;
    };
    const [warm, cold] = [await fewest('pool-spec-warm'), await fewest('pool-spec-cold')];
    expect(warm - cold).toBe(1);
  });
});
