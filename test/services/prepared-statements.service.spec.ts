import type { DataSource } from 'typeorm';
import { onOneConnection, query, queryPrepared } from '../../libs/db/sql';
import { readQueryVocabulary } from '../../libs/deconfliction/person-vocabulary';
import { serviceDataSource } from './support';

/**
 * queryPrepared: a statement of fixed text is prepared once on the connection a query runner holds, and answers what
 * the same statement planned at each call answers.
 */
describe('prepared statements', () => {
  let dataSource: DataSource;
  const prepared = (db: Parameters<typeof query>[0]) => query<{ statement: string; generic_plans: string; custom_plans: string }>(db,
    `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%person_name_tokens%'`);

  beforeAll(async () => {
    dataSource = serviceDataSource('prepared');
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  it('are prepared once per connection and answer as the statement planned each time', async () => {
    const text = `SELECT token, persons FROM person_name_tokens WHERE token = ANY($1::text[]) ORDER BY token`;
    await onOneConnection(dataSource, async (db) => {
      const tokens = ['garcia', 'jose', 'no-such-token-anywhere'];
      const planned = await query(db, text, [tokens]);
      const runs = [];
      for (let i = 0; i < 8; i++) runs.push(await queryPrepared(db, text, [tokens]));
      for (const rows of runs) expect(rows).toEqual(planned);
      // One statement prepared for the eight runs. Whether a run used the generic plan is PostgreSQL's choice by cost,
      // and depends on the rows: after five custom plans it keeps the generic one unless that looks costlier.
      const statements = (await prepared(db)).filter((s) => s.statement === text);
      expect(statements).toHaveLength(1);
      expect(Number(statements[0].generic_plans) + Number(statements[0].custom_plans)).toBe(8);
    });
  });

  it('are planned each time where no query runner holds the connection', async () => {
    const text = `SELECT count(*)::int AS n FROM person_name_tokens WHERE persons >= $1`;
    const rows = await queryPrepared<{ n: number }>(dataSource, text, [0]);
    expect(rows).toEqual(await query(dataSource, text, [0]));
    // Through the pool each statement may take another connection: none of them holds it prepared.
    await onOneConnection(dataSource, async (db) => expect((await prepared(db)).filter((s) => s.statement === text)).toEqual([]));
  });

  it('serve a check\'s vocabulary read, within a transaction as on one connection', async () => {
    const read = (db: Parameters<typeof readQueryVocabulary>[0]) => readQueryVocabulary(db, ['garcia', 'jose'], 'jose garcia');
    const inTransaction = await dataSource.transaction(async (tx) => [await read(tx), await read(tx)]);
    expect(inTransaction[1]).toEqual(inTransaction[0]);
    await onOneConnection(dataSource, async (db) => {
      expect(await read(db)).toEqual(inTransaction[0]);
      expect((await prepared(db)).some((s) => s.statement.includes("'neighbour'"))).toBe(true);
    });
  });
});
