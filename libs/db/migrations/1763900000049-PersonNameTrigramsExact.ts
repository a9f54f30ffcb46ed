import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each person's stored trigram set (migration 1763900000044) as pg_trgm's own trigrams, not their md5 hashes: a trigram
 * is three bytes, which `show_trgm` prints as its three characters (letters, digits and blanks) or, when one came from
 * a multibyte character and pg_trgm folded them into a checksum, as `0x` and six hex digits. Read back as one 24-bit
 * integer each, the set is the one similarity() counts, with no collision, so a person read computes the similarity
 * from the two sets (person-read-sql.ts `personRead`) instead of calling similarity(), which extracts both names'
 * trigrams again on every row: 5.2 µs a row against 1.0 from the sets (8,655 rows of "pepito mancilla garcia" at 1M
 * persons). A common name's crowd hands thousands of such rows to a check.
 *
 * Recomputing the column rewrites person_keys and rebuilds its indexes under an exclusive lock, as adding it did:
 * person checks and the intake of persons wait meanwhile, so run it at a quiet hour. On the bench machine: 32 s at 1M
 * persons, 322 s at 10M (and 17 s for the VACUUM ANALYZE that should follow; `down`, back to the md5 sets, 394 s).
 * The new function itself costs about 30% less per name than the md5 one (100,000 names in 2.3-2.5 s against
 * 3.5-3.6), which a load or an insert of persons gains. The column is dropped and added again, which
 * PostgreSQL 15 and 16 can do too (they have no SET EXPRESSION).
 */
export class PersonNameTrigramsExact1763900000049 implements MigrationInterface {
  name = 'PersonNameTrigramsExact1763900000049';

  async up(q: QueryRunner): Promise<void> {
    await recompute(q, `
        RETURN (SELECT coalesce(array_agg(code ORDER BY code), '{}')
                FROM unnest(show_trgm(name)) AS t,
                LATERAL (SELECT CASE WHEN length(t) = 3
                                     THEN (ascii(substr(t, 1, 1)) << 16) | (ascii(substr(t, 2, 1)) << 8) | ascii(substr(t, 3, 1))
                                     ELSE ('x' || substr(t, 3))::bit(24)::int END AS code) c);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await recompute(q, `
        RETURN (SELECT coalesce(array_agg(DISTINCT hashed ORDER BY hashed), '{}')
                FROM unnest(show_trgm(name)) AS t, LATERAL (SELECT ('x' || left(md5(t), 8))::bit(32)::int AS hashed) h);`);
  }
}

/** The function's new body, and the stored column computed again with it. */
async function recompute(q: QueryRunner, body: string): Promise<void> {
  await q.query(`ALTER TABLE person_keys DROP COLUMN name_trigrams`);
  await q.query(`
    CREATE OR REPLACE FUNCTION person_name_trigrams(name text) RETURNS int[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path = public, pg_temp AS $$
    BEGIN${body}
    END
    $$`);
  await q.query(`ALTER TABLE person_keys ADD COLUMN name_trigrams int[] GENERATED ALWAYS AS (person_name_trigrams(folded_name)) STORED`);
}
