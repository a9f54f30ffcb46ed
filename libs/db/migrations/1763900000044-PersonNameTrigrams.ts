import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person read tests each blocked row's spelling with pg_trgm's similarity(), which extracts both names' trigrams on
 * every call: 5.7 µs a row at 1M persons, and a check of a name met by 2,000-3,000 blocked persons spent 12-20 ms on it
 * (the crowd read's largest part in the slowest tenth of person checks, issue 16). Stored once per row as integers
 * (intarray), the same trigram sets are compared in under 1 µs: `person_name_trigrams` hashes each of pg_trgm's own
 * trigrams (show_trgm, so its word rules and padding are the ones similarity() uses) with md5, which no PostgreSQL
 * version or platform changes. The stored column is generated, so every insert and COPY fills it; its search_path
 * is set, so a restore (which runs with an empty one) computes it too. PL/pgSQL keeps its statement's plan for the
 * session (the vocabulary read calls it once per probe). Adding the column rewrites person_keys under an exclusive
 * lock: 66 s at 1M persons on the bench machine, VACUUM ANALYZE included; writes of persons wait meanwhile.
 *
 * Only a cheap test that lets rows through: similarity() still decides on the rows it passes (PersonCandidates), so a
 * hash collision (two trigrams of a row and a query on one integer: about one row compared in four million) cannot
 * drop a row; the test allows one trigram of slack for it. A change to pg_trgm's word rules or to the database's
 * LC_CTYPE needs the column recomputed (`UPDATE person_keys SET folded_name = folded_name`).
 */
export class PersonNameTrigrams1763900000044 implements MigrationInterface {
  name = 'PersonNameTrigrams1763900000044';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS intarray`);
    await q.query(`
      CREATE FUNCTION person_name_trigrams(name text) RETURNS int[]
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path = public, pg_temp AS $$
      BEGIN
        RETURN (SELECT coalesce(array_agg(DISTINCT hashed ORDER BY hashed), '{}')
                FROM unnest(show_trgm(name)) AS t, LATERAL (SELECT ('x' || left(md5(t), 8))::bit(32)::int AS hashed) h);
      END
      $$`);
    await q.query(`ALTER TABLE person_keys ADD COLUMN name_trigrams int[] GENERATED ALWAYS AS (person_name_trigrams(folded_name)) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_keys DROP COLUMN name_trigrams`);
    await q.query(`DROP FUNCTION person_name_trigrams(text)`);
  }
}
