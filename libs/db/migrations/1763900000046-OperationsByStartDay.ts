import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planned operations are found by an index on (start day, centre) instead of (centre, window). A multi-column GiST
 * splits its pages on the first column alone, so the old index was a map with the two years of windows mixed in every
 * page: at 2,000,000 operations a probe read 437 index pages for 2 rows, about as many as the box alone, and 10x the
 * operations meant 10x the pages. With the start day first, each day's operations form their own map; a probe reads
 * the days an overlapping operation can start on (from the query's start minus the longest stored window, to its end)
 * and, in each, the pages around the point: 23 pages for the same 2 rows. The longest window is read from its own
 * index in the same statement, as the widest radius is.
 */
export class OperationsByStartDay1763900000046 implements MigrationInterface {
  name = 'OperationsByStartDay1763900000046';

  async up(q: QueryRunner): Promise<void> {
    // Days since 1970 in UTC. Immutable, as an index needs: the epoch of a timestamptz does not depend on the session's time zone (extract's
    // other fields do, which is why extract itself is only stable). A standard SQL body binds its functions now.
    await q.query(`CREATE FUNCTION epoch_day(at timestamptz) RETURNS integer
                   LANGUAGE sql IMMUTABLE PARALLEL SAFE
                   RETURN floor(extract(epoch FROM at) / 86400)::integer`);
    await q.query(`CREATE INDEX event_keys_day_area ON event_keys USING gist (epoch_day(lower(during)), center)`);
    await q.query(`CREATE INDEX event_keys_length ON event_keys ((upper(during) - lower(during)))`);
    await q.query(`DROP INDEX event_keys_area_window`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX event_keys_area_window ON event_keys USING gist (center, during)`);
    await q.query(`DROP INDEX event_keys_length`);
    await q.query(`DROP INDEX event_keys_day_area`);
    await q.query(`DROP FUNCTION epoch_day(timestamptz)`);
  }
}
