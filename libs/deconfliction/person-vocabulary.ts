import type { EntityManager } from 'typeorm';
import { queryPrepared } from '../db/sql';
import { nameFormProbeKeys } from './names/name-form-keys';
import { PERSON_TOTAL_SQL, TokenFrequencies } from './person-evidence';
import { GIVEN_NAME_LINKS, LinkedRow, OtherForms, otherFormsOf } from './person-name-forms';
import { MIN_TYPO_TOKEN_LENGTH, spellingVariants } from './person-tokens';

/** A stored spelling sharing a one-letter-deleted form with a long query token: a typo neighbour, if isTypoOf says so. */
export interface VocabularyRow { token: string; codes: string[]; persons: number }

/**
 * What a person probe knows of its query's tokens before it reads any stored person: their typo neighbours in the
 * vocabulary, their other forms (nicknames, other transliterations, `forms`, parallel to the tokens), and how many
 * stored persons carry each of those spellings and in all (`known`; a spelling nobody carries counts 0).
 */
export interface QueryVocabulary {
  /** Each query token's phonetic codes, as MatchingRepository.personCodes reads them. */
  codes: string[][];
  neighbours: VocabularyRow[]; forms: OtherForms[]; known: TokenFrequencies;
  /** The folded name's trigram set as person rows store theirs (person_name_trigrams): read rows are cut on it. */
  trigrams: number[];
}

interface WordRow { kind: 'code' | 'neighbour' | 'nickname' | 'spelling' | 'count' | 'total' | 'trigrams'; token: string | null; other: string | null; codes: string[] | null; persons: string | null }

/**
 * One statement for what were six round trips (the tokens' codes, typo neighbours, given-name links, transliterations,
 * token counts, the total): a person check's statements fell from 13.3 to 7.4 (bench/check-overhead.ts). Each part is
 * the index lookup (or the function call) it was on its own. The typo neighbours are one GIN lookup per deleted-letter
 * form: asked with one array overlap, a name of three or four long tokens (about 30 forms) made the planner scan the
 * whole vocabulary instead, comparing every form with every stored form (2-3 ms against 0.2-0.6 ms). Prepared once per
 * connection (queryPrepared): its planning cost twice its execution. Its generic plan keeps those lookups: the arrays
 * are unnested and each element looked up, whatever their length.
 */
export async function readQueryVocabulary(tx: EntityManager, tokens: string[], folded: string): Promise<QueryVocabulary> {
  const long = tokens.filter((t) => t.length >= MIN_TYPO_TOKEN_LENGTH);
  const rows = await queryPrepared<WordRow>(tx,
    `SELECT 'code' AS kind, t AS token, NULL AS other, person_token_codes(t) AS codes, NULL::bigint AS persons FROM unnest($1::text[]) AS t
     UNION ALL
     SELECT DISTINCT 'neighbour', n.token, NULL, n.codes, n.persons::bigint
     FROM unnest($2::text[]) AS v(variant) JOIN person_name_tokens n ON n.variants @> ARRAY[v.variant]
     UNION ALL
     SELECT 'nickname', l.token, l.other, person_token_codes(l.other), n.persons::bigint
     FROM ${GIVEN_NAME_LINKS} LEFT JOIN person_name_tokens n ON n.token = l.other
     UNION ALL
     SELECT 'spelling', token, NULL, codes, persons::bigint FROM person_name_tokens WHERE name_forms && $3::text[]
     UNION ALL
     SELECT 'count', token, NULL, NULL, persons::bigint FROM person_name_tokens WHERE token = ANY($1::text[])
     UNION ALL
     SELECT 'total', NULL, NULL, NULL, ${PERSON_TOTAL_SQL}
     UNION ALL
     SELECT 'trigrams', NULL, NULL, person_name_trigrams($4::text)::text[], NULL`,
    [[...new Set(tokens)], [...new Set(long.flatMap(spellingVariants))], [...new Set(tokens.flatMap(nameFormProbeKeys))], folded],
  );
  const of = (kind: WordRow['kind']) => rows.filter((r) => r.kind === kind);
  const neighbours = of('neighbour').map((r) => ({ token: r.token!, codes: r.codes!, persons: Number(r.persons) }));
  const links: LinkedRow[] = of('nickname').map((r) => ({ token: r.token!, other: r.other!, codes: r.codes! }));
  const spellings = of('spelling').map((r) => ({ token: r.token!, codes: r.codes! }));
  const persons = new Map<string, number>();
  for (const r of rows) {
    const token = r.kind === 'nickname' ? r.other : r.token;
    if (token !== null && r.kind !== 'total' && r.kind !== 'code' && r.kind !== 'trigrams') persons.set(token, Number(r.persons ?? 0));
  }
  const forms = otherFormsOf(tokens, links, spellings);
  // Every spelling asked about is known: one nobody carries counts 0, so grading does not ask for it again.
  for (const token of [...tokens, ...neighbours.map((n) => n.token), ...forms.flatMap((f) => [...f.nicknames, ...f.transliterations])]) {
    if (!persons.has(token)) persons.set(token, 0);
  }
  const codes = new Map(of('code').map((r) => [r.token!, r.codes!]));
  return {
    codes: tokens.map((t) => codes.get(t) ?? []), neighbours, forms, known: { persons, total: Number(of('total')[0]?.persons ?? 0) },
    trigrams: (of('trigrams')[0]?.codes ?? []).map(Number),
  };
}
