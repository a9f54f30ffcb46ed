import { MigrationInterface, QueryRunner } from 'typeorm';
import { personSkeleton } from '../../deconfliction/person-skeletons';

/**
 * Names written in another script or transliterated (issue 21) are blocked like the others, on a stored key with an
 * index, instead of skipping the trigram cut-off:
 *
 * - person_keys.skeleton_name and skeleton_pairs (libs/deconfliction/person-skeletons.ts): each word's consonant
 *   skeleton, and every pair of two words' skeletons, GIN-indexed. A query with a word written without vowels (Arabic
 *   script) is blocked on a skeleton pair and cut off by pg_trgm's similarity of the skeleton names.
 * - A one-word name (a moniker: "Chapo") has no pair key, so without a date of birth it was never a candidate: the
 *   one-word stored names are GIN-indexed on their codes apart (a partial index: few rows).
 *
 * The skeletons are computed in TypeScript (the rules are table-tested there), so existing rows are backfilled from here.
 */
export class PersonSkeletons1763900000028 implements MigrationInterface {
  name = 'PersonSkeletons1763900000028';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_keys ADD COLUMN skeleton_name text, ADD COLUMN skeleton_pairs text[]`);
    await fillPersonSkeletons(q);
    await q.query(`ALTER TABLE person_keys ALTER COLUMN skeleton_name SET NOT NULL, ALTER COLUMN skeleton_pairs SET NOT NULL`);
    await q.query(`CREATE INDEX person_keys_skeleton_pairs ON person_keys USING gin (skeleton_pairs)`);
    await q.query(`CREATE INDEX person_keys_one_word ON person_keys USING gin (codes) WHERE cardinality(tokens) = 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_keys_one_word`);
    await q.query(`ALTER TABLE person_keys DROP COLUMN skeleton_pairs, DROP COLUMN skeleton_name`);
  }
}

/** Writes the skeletons of every person row that has none, 10,000 rows a statement. */
export async function fillPersonSkeletons(q: { query: (sql: string, params?: unknown[]) => Promise<unknown> }): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await q.query(`SELECT id, full_name FROM person_keys WHERE skeleton_name IS NULL LIMIT 10000`) as { id: string; full_name: string }[];
    if (rows.length === 0) return filled;
    const keys = rows.map((r) => personSkeleton(r.full_name));
    await q.query(
      `UPDATE person_keys p SET skeleton_name = u.name, skeleton_pairs = string_to_array(u.pairs, ' ')
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, name, pairs) WHERE p.id = u.id`,
      [rows.map((r) => r.id), keys.map((k) => k.name), keys.map((k) => k.pairs.join(' '))],
    );
    filled += rows.length;
  }
}
