import type { DataSource } from 'typeorm';
import { onOneConnection, query, queryPrepared } from '../../libs/db/sql';
import { SELECT_HIT_BY_ID } from '../../libs/deconfliction/hit-rows';
import { readQueryVocabulary } from '../../libs/deconfliction/person-vocabulary';
import { createDataSource } from '../../libs/db/data-source';
import { readStack } from '../support/stack';
import { serviceDataSource } from './support';

/**
 * queryPrepared: a statement of fixed text is prepared once on the connection a query runner holds (or the pool lends),
 * and answers what the same statement planned at each call answers.
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

  it('are prepared on the connection the pool lends where no query runner holds one', async () => {
    const text = `SELECT count(*)::int AS n FROM person_name_tokens WHERE persons >= $1`;
    const rows = await queryPrepared<{ n: number }>(dataSource, text, [0]);
    expect(rows).toEqual(await query(dataSource, text, [0]));
    // The pool lends the connection released last, so the next turn is on the one that prepared it.
    await onOneConnection(dataSource, async (db) => expect((await prepared(db)).filter((s) => s.statement === text)).toHaveLength(1));
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

  it('name their columns, so a migration adding one does not break a connection that prepared them', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const starred = 'SELECT * FROM deconfliction_hits WHERE id = $1';
    // The owner's connection, which may alter the table (the application role may not), in a transaction rolled back.
    const owner = createDataSource({ url: readStack().databaseUrl, asAppRole: false, poolSize: 1, applicationName: 'service-spec-prepared-owner' });
    await owner.initialize();
    await owner.transaction(async (tx) => {
      for (let i = 0; i < 6; i++) {
        expect(await queryPrepared(tx, SELECT_HIT_BY_ID, [id])).toEqual([]);
        expect(await queryPrepared(tx, starred, [id])).toEqual([]);
      }
      // Rolled back with the transaction: no other spec ever sees the column.
      await tx.query('ALTER TABLE deconfliction_hits ADD COLUMN prepared_spec_probe int');
      expect(await queryPrepared(tx, SELECT_HIT_BY_ID, [id])).toEqual([]);
      await tx.query('SAVEPOINT starred');
      await expect(queryPrepared(tx, starred, [id])).rejects.toThrow('cached plan must not change result type');
      await tx.query('ROLLBACK TO SAVEPOINT starred');
      throw new Rollback();
    }).catch((error: unknown) => { if (!(error instanceof Rollback)) throw error; }).finally(() => owner.destroy());
  });
});

class Rollback extends Error {}
