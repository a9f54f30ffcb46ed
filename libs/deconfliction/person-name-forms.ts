import type { EntityManager } from 'typeorm';
import { query } from '../db/sql';
import { isTransliterationOf, nameFormKeys, nameFormProbeKeys } from './names/name-form-keys';

/**
 * Other forms of a query's name tokens (issue 21), read by index lookups (person-vocabulary.ts), never by a scan: the given
 * names one row of given_name_variants away (Robert for Bob; direct rows only, see GivenNameLink) and the stored
 * spellings of the same transliterated name (Youssef for Yusuf: person_name_tokens.name_forms, GIN). Their phonetic
 * codes are added to the query's blocking codes, as typo neighbours' are; the alignment then says which form agreed.
 */
export interface OtherForms { nicknames: string[]; transliterations: string[]; codes: string[] }

/** A given name linked to a query token (Robert to Bob), with the linked name's phonetic codes. */
export interface LinkedRow { token: string; other: string; codes: string[] }

/**
 * Per token (parallel to `tokens`), its nicknames and transliterations and their codes, from the token's given-name
 * links (GIVEN_NAME_LINKS) and the stored spellings found by its name-form probe keys (nameFormProbeKeys).
 */
export function otherFormsOf(tokens: string[], links: LinkedRow[], spellings: { token: string; codes: string[] }[]): OtherForms[] {
  return tokens.map((token) => {
    const named = links.filter((r) => r.token === token);
    const spelled = spellings.filter((r) => isTransliterationOf(token, r.token));
    return {
      nicknames: named.map((r) => r.other),
      transliterations: spelled.map((r) => r.token),
      codes: [...new Set([...named, ...spelled].flatMap((r) => r.codes))],
    };
  });
}

/**
 * Given names one row away from each token of $1, either way round (primary key and variant index of the table), as
 * `l(token, other)`.
 */
export const GIVEN_NAME_LINKS = `(
  SELECT canonical_folded AS token, variant_folded AS other FROM given_name_variants WHERE canonical_folded = ANY($1::text[])
  UNION SELECT variant_folded, canonical_folded FROM given_name_variants WHERE variant_folded = ANY($1::text[])) AS l`;

async function nicknameLinks(tx: EntityManager, tokens: string[]): Promise<LinkedRow[]> {
  return query<LinkedRow>(tx, `SELECT l.token, l.other, person_token_codes(l.other) AS codes FROM ${GIVEN_NAME_LINKS}`, [[...new Set(tokens)]]);
}

/**
 * Advisory-lock names shared by any two passes whose persons could agree through another form (lockNamesFor's
 * reasoning): a token and each given name it is linked to (Bob and Robert both lock person-given:bob and :robert),
 * and every name-form key it is stored or probed by (the keys one stores and the other probes by meet).
 */
export async function otherFormLockNames(tx: EntityManager, tokens: string[]): Promise<string[]> {
  if (tokens.length === 0) return [];
  const links = await nicknameLinks(tx, tokens);
  return [...new Set([
    ...links.flatMap((l) => [`person-given:${l.token}`, `person-given:${l.other}`]),
    ...tokens.flatMap((t) => [...nameFormKeys(t), ...nameFormProbeKeys(t)]).map((k) => `person-form:${k}`),
  ])];
}
