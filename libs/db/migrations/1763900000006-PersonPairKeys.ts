import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Person blocking on pairs of phonetic codes from two different tokens, and a vocabulary of name tokens for typos.
 *
 * - person_keys.pair_keys ('A|B', A <= B): `codes @> ARRAY[a, b]` was also met by one token holding both codes
 *   (garcia: KRS and KRX), so "García Garza" scanned every García. GIN over the pairs makes "two tokens agree" one
 *   lookup (a second, partial one covers the persons without a DOB, all a query with a DOB needs by name).
 *   person_keys.token_codes keeps each token's codes (parallel to tokens) so ranking does not recompute them.
 * - person_name_tokens: each distinct token with its codes, its one-letter-deleted forms (GIN: typo neighbours are
 *   exact lookups) and how many persons carry it (a typo is a rare spelling next to a common one).
 * - event_keys (radius_meters): the largest stored radius bounds the search box instead of the 50 km cap.
 *
 * The SQL functions are the database's copy of libs/deconfliction/person-tokens.ts (pairKeys, spellingVariants; byte
 * order, as JavaScript sorts) and give MatchingStore.personCodes its codes: the backfill and the bench's SQL load use
 * them, and the bench checks after every load that both sides write the same keys.
 */
export class PersonPairKeys1763900000006 implements MigrationInterface {
  name = 'PersonPairKeys1763900000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION person_token_codes(token text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT ARRAY(SELECT DISTINCT c COLLATE "C" FROM unnest(ARRAY[dmetaphone(token), dmetaphone_alt(token)]) AS c
                     WHERE c <> '' ORDER BY 1)
      $$`);
    await q.query(`
      CREATE FUNCTION person_spelling_variants(token text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT ARRAY(SELECT DISTINCT v COLLATE "C" FROM (
                       SELECT token AS v
                       UNION ALL SELECT overlay(token PLACING '' FROM i FOR 1) FROM generate_series(1, length(token)) AS i
                     ) AS variants ORDER BY 1)
      $$`);
    await q.query(`
      CREATE FUNCTION person_pair_keys(token_codes text[]) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        WITH codes AS (
          SELECT o, c FROM unnest(token_codes) WITH ORDINALITY AS t(codes, o), unnest(string_to_array(codes, ' ')) AS c
        )
        SELECT ARRAY(SELECT DISTINCT least(a.c COLLATE "C", b.c) || '|' || greatest(a.c COLLATE "C", b.c)
                     FROM codes a JOIN codes b ON a.o < b.o ORDER BY 1)
      $$`);

    await q.query(`
      CREATE TABLE person_name_tokens (
        token text PRIMARY KEY,
        codes text[] NOT NULL,
        variants text[] NOT NULL,
        persons integer NOT NULL
      )`);
    await q.query(`
      INSERT INTO person_name_tokens (token, codes, variants, persons)
      SELECT t, person_token_codes(t), person_spelling_variants(t), count(*)
      FROM person_keys, unnest(tokens) AS t GROUP BY t`);
    await q.query(`CREATE INDEX person_name_tokens_variants ON person_name_tokens USING gin (variants)`);

    await q.query(`ALTER TABLE person_keys ADD COLUMN token_codes text[], ADD COLUMN pair_keys text[]`);
    // Codes come from the vocabulary (one dmetaphone per distinct token, not per row); space-separated per token.
    await q.query(`
      UPDATE person_keys p SET token_codes = k.token_codes, pair_keys = person_pair_keys(k.token_codes)
      FROM (SELECT p2.id, array_agg(array_to_string(v.codes, ' ') ORDER BY t.o) AS token_codes
            FROM person_keys p2, unnest(p2.tokens) WITH ORDINALITY AS t(token, o)
            JOIN person_name_tokens v ON v.token = t.token
            GROUP BY p2.id) AS k
      WHERE k.id = p.id`);
    await q.query(`UPDATE person_keys SET token_codes = '{}', pair_keys = '{}' WHERE token_codes IS NULL`);
    await q.query(`ALTER TABLE person_keys ALTER COLUMN token_codes SET NOT NULL, ALTER COLUMN pair_keys SET NOT NULL`);
    await q.query(`CREATE INDEX person_keys_pairs ON person_keys USING gin (pair_keys)`);
    // A query with a DOB only needs, by pair keys, the stored persons without one (the others go through the DOB).
    await q.query(`CREATE INDEX person_keys_pairs_no_dob ON person_keys USING gin (pair_keys) WHERE date_of_birth IS NULL`);
    // `codes` stays for the date-of-birth path (DOB btree, then codes overlap on the few rows of that day).
    await q.query(`DROP INDEX person_keys_codes`);

    await q.query(`CREATE INDEX event_keys_radius ON event_keys (radius_meters)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON person_name_tokens TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX event_keys_radius`);
    await q.query(`CREATE INDEX person_keys_codes ON person_keys USING gin (codes)`);
    await q.query(`DROP INDEX person_keys_pairs, person_keys_pairs_no_dob`);
    await q.query(`ALTER TABLE person_keys DROP COLUMN token_codes, DROP COLUMN pair_keys`);
    await q.query(`DROP TABLE person_name_tokens`);
    await q.query(`DROP FUNCTION person_pair_keys(text[]), person_spelling_variants(text), person_token_codes(text)`);
  }
}
