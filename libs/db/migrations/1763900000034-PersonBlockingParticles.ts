import { MigrationInterface, QueryRunner } from 'typeorm';
import { BLOCKING_PARTICLES } from '../../deconfliction/person-tokens';

/**
 * Particles (al, el, bin, ibn, de, ...) leave the stored pair keys (issue 16): every "Mohammed al X" shared the pair
 * al+Mohammed, so a common name without a DOB read thousands of candidates. person_blocking_pair_keys is the SQL copy
 * of libs/deconfliction/person-tokens.ts personPairKeys (the bench's SQL load uses it, and checks both sides agree).
 *
 * Only rows holding a particle change. The backfill walks the primary key 10,000 ids a statement, so at 10M rows no
 * statement holds more than a batch of row locks or builds a large update list.
 */
const BATCH = 10_000;

export class PersonBlockingParticles1763900000034 implements MigrationInterface {
  name = 'PersonBlockingParticles1763900000034';

  async up(q: QueryRunner): Promise<void> {
    const particles = `ARRAY[${[...BLOCKING_PARTICLES].sort().map((p) => `'${p}'`).join(', ')}]::text[]`;
    await q.query(`
      CREATE FUNCTION person_blocking_pair_keys(tokens text[], token_codes text[]) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT person_pair_keys(CASE
          WHEN (SELECT count(*) FROM unnest(tokens) AS t WHERE t <> ALL(${particles})) < 2 THEN token_codes
          ELSE ARRAY(SELECT CASE WHEN u.t = ANY(${particles}) THEN '' ELSE u.c END
                     FROM unnest(tokens, token_codes) WITH ORDINALITY AS u(t, c, o) ORDER BY u.o)
        END)
      $$`);
    await rewritePairKeys(q, 'person_blocking_pair_keys(p.tokens, p.token_codes)', particles);
  }

  async down(q: QueryRunner): Promise<void> {
    const particles = `ARRAY[${[...BLOCKING_PARTICLES].sort().map((p) => `'${p}'`).join(', ')}]::text[]`;
    await rewritePairKeys(q, 'person_pair_keys(p.token_codes)', particles);
    await q.query('DROP FUNCTION person_blocking_pair_keys(text[], text[])');
  }
}

/** Sets pair_keys to `expression` on the rows holding a particle, one primary-key range of BATCH ids a statement. */
async function rewritePairKeys(q: QueryRunner, expression: string, particles: string): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const rows = await q.query(
      `WITH batch AS (SELECT id FROM person_keys WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT ${BATCH}),
            changed AS (
              UPDATE person_keys p SET pair_keys = ${expression}
              FROM batch WHERE p.id = batch.id AND p.tokens && ${particles} AND p.pair_keys IS DISTINCT FROM ${expression}
              RETURNING 1)
       SELECT (SELECT id FROM batch ORDER BY id DESC LIMIT 1) AS last, (SELECT count(*) FROM changed) AS changed`,
      [after],
    ) as { last: string | null }[];
    if (rows[0]?.last == null) return;
    after = rows[0].last;
  }
}
