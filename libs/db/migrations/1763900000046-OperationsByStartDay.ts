import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planned operations are found by an index on (start day, centre) instead of (centre, window). A multi-column GiST
 * splits its pages on the first column alone, so the old index was a map with the two years of windows mixed in every
 * page: a probe read as many pages as the box alone would, and ten times the operations meant ten times the pages (at
 * bench:deconfliction's 10,000,000 operations, the p95 probe read 715 buffers in 46 ms for 1 row). With the start day
 * first, each day's operations form their own map; a probe reads the days an overlapping operation can start on (from
 * the query's start less the longest stored window, to its end) and, in each, the pages around the point: 107 buffers
 * in 2.2 ms for the same row. The longest window is read from its own index in the same statement, as the widest
 * radius is. A stored window of weeks widens every probe by as many days: the cost of such a window, not a miss.
 */
export class OperationsByStartDay1763900000046 implements MigrationInterface {
  name = 'OperationsByStartDay1763900000046';

  async up(q: QueryRunner): Promise<void> {
    // Days since 1970 in UTC. Immutable, as an index needs: the epoch of a timestamptz does not depend on the session's
    // time zone (extract's other fields do, which is why extract itself is only stable). A standard SQL body binds its
    // functions when it is created, whatever the search_path of a later session.
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
