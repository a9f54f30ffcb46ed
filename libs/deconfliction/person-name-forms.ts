import type { EntityManager } from 'typeorm';
import { query } from '../db/sql';
import { isTransliterationOf, nameFormKeys, nameFormProbeKeys } from './names/name-form-keys';

/**
 * Other forms of a query's name tokens (issue 21), read from PostgreSQL by index lookups, never by a scan: the given
 * names one row of given_name_variants away (Robert for Bob; direct rows only, see GivenNameLink) and the stored
 * spellings of the same transliterated name (Youssef for Yusuf: person_name_tokens.name_forms, GIN). Their phonetic
 * codes are added to the query's blocking codes, as typo neighbours' are; the alignment then says which form agreed.
 */
export interface OtherForms { nicknames: string[]; transliterations: string[]; codes: string[] }

interface LinkedRow { token: string; other: string; codes: string[] }

/** Per token (parallel to `tokens`), its nicknames and transliterations and their codes. */
export async function otherForms(tx: EntityManager, tokens: string[]): Promise<OtherForms[]> {
  if (tokens.length === 0) return [];
  const nicknames = await nicknameLinks(tx, tokens);
  const spellings = await query<{ token: string; codes: string[] }>(tx,
    'SELECT token, codes FROM person_name_tokens WHERE name_forms && $1::text[]',
    [[...new Set(tokens.flatMap(nameFormProbeKeys))]],
  );
  return tokens.map((token) => {
    const named = nicknames.filter((r) => r.token === token);
    const spelled = spellings.filter((r) => isTransliterationOf(token, r.token));
    return {
      nicknames: named.map((r) => r.other),
      transliterations: spelled.map((r) => r.token),
      codes: [...new Set([...named, ...spelled].flatMap((r) => r.codes))],
    };
  });
}

/** Given names one row away from each token, either way round (primary key and variant index of the table). */
async function nicknameLinks(tx: EntityManager, tokens: string[]): Promise<LinkedRow[]> {
  return query<LinkedRow>(tx,
    `SELECT l.token, l.other, person_token_codes(l.other) AS codes FROM (
       SELECT canonical_folded AS token, variant_folded AS other FROM given_name_variants WHERE canonical_folded = ANY($1::text[])
       UNION SELECT variant_folded, canonical_folded FROM given_name_variants WHERE variant_folded = ANY($1::text[])) AS l`,
    [[...new Set(tokens)]],
  );
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
