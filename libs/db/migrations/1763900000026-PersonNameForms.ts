import { MigrationInterface, QueryRunner } from 'typeorm';
import { nameFormKeys } from '../../deconfliction/names/name-form-keys';

/**
 * Other Latin spellings of a transliterated name (issue 21): each vocabulary token keeps the keys its spellings share
 * (names/name-form-keys.ts: transliteration keys, consonant skeletons), GIN-indexed, so a query token finds Youssef
 * for Yusuf, or the Arabic-script form ywsf, by one lookup in the vocabulary, as it finds its typos. The keys are
 * computed in TypeScript (the rules are table-tested there), so existing tokens are backfilled from here.
 */
export class PersonNameForms1763900000026 implements MigrationInterface {
  name = 'PersonNameForms1763900000026';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_name_tokens ADD COLUMN name_forms text[] NOT NULL DEFAULT '{}'`);
    await fillNameForms(q);
    await q.query(`CREATE INDEX person_name_tokens_name_forms ON person_name_tokens USING gin (name_forms)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_name_tokens DROP COLUMN name_forms`);
  }
}

/** Writes the keys of every token that has none (also the bench's hook after its SQL bulk load). */
export async function fillNameForms(q: { query: (sql: string, params?: unknown[]) => Promise<unknown> }): Promise<number> {
  const rows = await q.query(`SELECT token FROM person_name_tokens WHERE name_forms = '{}'`) as { token: string }[];
  const tokens = rows.map((r) => r.token);
  for (let at = 0; at < tokens.length; at += 10_000) {
    const slice = tokens.slice(at, at + 10_000);
    await q.query(
      `UPDATE person_name_tokens p SET name_forms = string_to_array(u.forms, ' ')
       FROM unnest($1::text[], $2::text[]) AS u(token, forms) WHERE p.token = u.token`,
      [slice, slice.map((t) => nameFormKeys(t).join(' '))],
    );
  }
  return tokens.length;
}
