import type { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import type { PersonKey } from '../../libs/deconfliction/match-keys';
import { fillNameForms } from '../../libs/db/migrations/1763900000026-PersonNameForms';
import type { MatchingRepository } from '../../libs/deconfliction/matching.repository';
import { uuidFrom } from '../../libs/common/deterministic-id';
import { foldText, nameTokens } from '../../libs/deconfliction/normalize';
import { personSkeleton } from '../../libs/deconfliction/person-skeletons';
import { personPairKeys, spellingVariants } from '../../libs/deconfliction/person-tokens';
import { BenchCase, copyFromWorker, copyRows, CopyResult, CopyValue, Log, textArray } from './bulk-load';
import { ALIAS_EVERY, GenSpec, MONIKER_EVERY, OtherNameForm, otherNameAt, personAt } from './generators';
import { generatedPersons } from './row-sources';
import { ANGLO_GIVEN, ANGLO_SURNAMES, ARABIC_GIVEN, ARABIC_SURNAMES, HISPANIC_GIVEN, HISPANIC_SURNAMES, MONIKERS } from './vocabulary';

/** person_keys and its token vocabulary, keyed as MatchingRepository.store keys them (or by the migration's SQL functions). */

/** Every token the generated names can have, so codes come from one call of the production personCodes. */
function vocabularyTokens(): string[] {
  const names = [...HISPANIC_GIVEN, ...ANGLO_GIVEN, ...ARABIC_GIVEN, ...HISPANIC_SURNAMES, ...ANGLO_SURNAMES, ...ARABIC_SURNAMES, ...MONIKERS];
  return [...new Set(names.flatMap(nameTokens))];
}

/**
 * Codes per token from MatchingRepository.personCodes (PostgreSQL's dmetaphone, as at intake), computed once for the
 * vocabulary instead of once per row. Measured at 200k rows: 3.5 s for one COPY with the codes, against 1.7 s COPY
 * into a staging table + 2.8 s INSERT ... SELECT computing dmetaphone per token (BENCH_PERSON_CODES=sql runs that).
 */
async function tokenCodes(manager: EntityManager, matching: MatchingRepository): Promise<Map<string, string[]>> {
  const persons: PersonKey[] = vocabularyTokens().map((t) => ({ id: t, fullName: t, folded: t, tokens: [t], dateOfBirth: null }));
  const codes = await matching.personCodes(manager, persons);
  return new Map([...codes].map(([token, perToken]) => [token, perToken[0] ?? []]));
}

type Loaded = { table: string; result: CopyResult; finishMs: number };

export async function loadPersons(
  client: Client, manager: EntityManager, matching: MatchingRepository, spec: GenSpec, cases: BenchCase[], rows: number,
  at: string, log: Log,
): Promise<Loaded> {
  const loaded = process.env.BENCH_PERSON_CODES === 'sql'
    ? await loadPersonsInSql(client, spec, cases, rows, at, log)
    : await loadPersonsWithCodes(client, await tokenCodes(manager, matching), spec, cases, rows, at, log);
  // The vocabulary's name-form keys are computed in TypeScript, as at intake (migration PersonNameForms).
  const filled = await fillNameForms({ query: async (sql, params) => (await client.query<{ token: string }>(sql, params)).rows });
  log(`name-form keys written for ${filled} vocabulary tokens`);
  return loaded;
}

const personColumns = 'id, case_id, agency, full_name, folded_name, tokens, skeleton_name, skeleton_pairs';

/** One COPY with every key computed by the production functions (in a copy worker), then the vocabulary with its counts. */
async function loadPersonsWithCodes(
  client: Client, codes: Map<string, string[]>, spec: GenSpec, cases: BenchCase[], rows: number, at: string, log: Log,
): Promise<Loaded> {
  const { result, tally } = await copyFromWorker(client, 'person_keys', `COPY person_keys (${personColumns}, codes, token_codes,
    pair_keys, date_of_birth, created_at) FROM STDIN (FREEZE)`, {
    source: 'person_keys', spec, cases: cases.map((c) => ({ id: c.id, agency: c.agency })), total: rows, at, serialMinReadable: 0,
    codes: [...codes],
  }, log);
  const counts = new Map(tally.tokenCounts);
  // Aliases and monikers: rows of their own under the person, keyed as MatchingRepository.store keys a subject's other names.
  const forms: [OtherNameForm, number][] = [['ALIAS', ALIAS_EVERY], ['MONIKER', MONIKER_EVERY]];
  function* otherRows(): Generator<CopyValue[]> {
    for (const [form, every] of forms) {
      for (let i = 0; i < rows; i += every) {
        const p = personAt(spec, i);
        const owner = cases[p.caseIndex];
        const name = otherNameAt(spec, i, form);
        const [tokens, folded, skeleton] = [nameTokens(name), foldText(name), personSkeleton(name)];
        const perToken = tokens.map((t) => codes.get(t) ?? []);
        for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
        yield [uuidFrom(`${p.id}\nperson-form\n${form}\n${folded}`), owner.id, owner.agency, name, folded, textArray(tokens), skeleton.name,
          textArray(skeleton.pairs), textArray([...new Set(perToken.flat())]), textArray(perToken.map((c) => c.join(' '))),
          textArray(personPairKeys(tokens, perToken)), p.dob, at, p.id, form];
      }
    }
  }
  const others = Math.ceil(rows / ALIAS_EVERY) + Math.ceil(rows / MONIKER_EVERY);
  await copyRows(client, 'person_keys (aliases, monikers)', `COPY person_keys (${personColumns}, codes, token_codes, pair_keys,
    date_of_birth, created_at, subject_id, name_form) FROM STDIN`, others, otherRows, log);
  const started = performance.now();
  const tokens = [...counts.keys()];
  await client.query(
    `INSERT INTO person_name_tokens (token, codes, variants, persons)
     SELECT t, string_to_array(c, ' '), string_to_array(v, ' '), n FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS x(t, c, v, n)`,
    [tokens, tokens.map((t) => (codes.get(t) ?? []).join(' ')), tokens.map((t) => spellingVariants(t).join(' ')),
      tokens.map((t) => counts.get(t))],
  );
  return { table: 'person_keys', result, finishMs: performance.now() - started };
}

/** COPY into staging, then every key by the migration's SQL functions (the slower variant, kept for comparison). */
async function loadPersonsInSql(client: Client, spec: GenSpec, cases: BenchCase[], rows: number, at: string, log: Log): Promise<Loaded> {
  await client.query(`CREATE UNLOGGED TABLE bench_person_staging (id uuid, case_id uuid, agency text, full_name text,
    folded_name text, tokens text[], skeleton_name text, skeleton_pairs text[], date_of_birth date, created_at timestamptz)`);
  function* personRows(): Generator<CopyValue[]> {
    for (const { row, dob } of generatedPersons(spec, cases)) yield [...row, dob, at];
  }
  const result = await copyRows(client, 'person_keys (staging)', `COPY bench_person_staging FROM STDIN`, rows, personRows, log);
  const started = performance.now();
  await client.query(`
    INSERT INTO person_keys (${personColumns}, codes, token_codes, pair_keys, date_of_birth, created_at)
    SELECT ${personColumns}, ARRAY(SELECT DISTINCT c FROM unnest(tokens) AS t, unnest(person_token_codes(t)) AS c),
           k.token_codes, person_blocking_pair_keys(tokens, k.token_codes), date_of_birth, created_at
    FROM bench_person_staging,
         LATERAL (SELECT ARRAY(SELECT array_to_string(person_token_codes(t), ' ') FROM unnest(tokens) WITH ORDINALITY AS u(t, o)
                               ORDER BY o) AS token_codes) AS k`);
  await client.query(`
    INSERT INTO person_name_tokens (token, codes, variants, persons)
    SELECT t, person_token_codes(t), person_spelling_variants(t), count(*) FROM bench_person_staging, unnest(tokens) AS t GROUP BY t`);
  await client.query('DROP TABLE bench_person_staging');
  return { table: 'person_keys', result, finishMs: performance.now() - started };
}

/**
 * The keys written by the JS functions (MatchingRepository.store, this loader) and by the migration's SQL functions (its
 * backfill, BENCH_PERSON_CODES=sql) must be the same, or a typo or a pair would be found on one side only.
 */
export async function checkPersonKeys(client: Client): Promise<string> {
  const { rows: persons } = await client.query<{ tokens: string[]; token_codes: string[]; pair_keys: string[]; sql_codes: string[]; sql_pairs: string[] }>(
    `SELECT tokens, token_codes, pair_keys, person_blocking_pair_keys(tokens, token_codes) AS sql_pairs,
            ARRAY(SELECT array_to_string(person_token_codes(t), ' ') FROM unnest(tokens) WITH ORDINALITY AS u(t, o) ORDER BY o) AS sql_codes
     FROM person_keys TABLESAMPLE SYSTEM (1) LIMIT 5000`);
  const { rows: tokens } = await client.query<{ token: string; variants: string[]; sql_variants: string[] }>(
    'SELECT token, variants, person_spelling_variants(token) AS sql_variants FROM person_name_tokens');
  const same = (a: string[], b: string[]) => a.join(',') === b.join(',');
  const js = (r: { tokens: string[]; token_codes: string[] }) => personPairKeys(r.tokens, r.token_codes.map((c) => c.split(' ').filter(Boolean)));
  const bad = [
    ...persons.filter((r) => !same(r.token_codes, r.sql_codes)).map((r) => `codes ${r.token_codes.join(',')} vs ${r.sql_codes.join(',')}`),
    ...persons.filter((r) => !same(r.pair_keys, r.sql_pairs) || !same(r.pair_keys, js(r)))
      .map((r) => `pairs ${r.pair_keys.join(',')} vs SQL ${r.sql_pairs.join(',')} vs JS ${js(r).join(',')}`),
    ...tokens.filter((r) => !same(r.variants, r.sql_variants) || !same(r.variants, spellingVariants(r.token)))
      .map((r) => `variants of ${r.token}: ${r.variants.join(',')} vs ${r.sql_variants.join(',')}`),
  ];
  if (bad.length > 0) throw new Error(`person keys differ between JS and SQL:\n${bad.slice(0, 10).join('\n')}`);
  return `person keys: JS and SQL functions agree on ${persons.length} sampled persons and ${tokens.length} vocabulary tokens`;
}
