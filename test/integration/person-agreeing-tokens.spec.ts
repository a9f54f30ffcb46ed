import { agreeingTokensTest } from '../../libs/deconfliction/person-read-sql';
import { mayMatch } from '../../libs/deconfliction/person-tier-rules';
import { agreementOf, alignTokenPairs, NameTokens } from '../../libs/deconfliction/person-tokens';
import { nameTokens } from '../../libs/deconfliction/normalize';
import { minTrigramFor } from '../../libs/deconfliction/scoring';
import { withDb } from '../support/http';

/**
 * A person read drops in SQL the rows too few of whose tokens can agree with the query's for any spelling to lift the
 * score to the threshold (person-candidates.ts agreeingTokensTest). That is sound only if it never drops a row the
 * score would keep: checked here against the tier rules, with the best spelling a row could have (trigram 1), for
 * queries whose forms (nicknames, typos, other transliterations) block rows through codes none of their tokens share.
 */
describe('the agreeing-tokens cut of person reads', () => {
  const THRESHOLD = 0.7;
  /** Per query token, its nicknames, typos and other transliterations, as the vocabulary would give them. */
  type Forms = Partial<Record<'nicknames' | 'typos' | 'transliterations', Record<string, string[]>>>;
  const queries: { name: string; forms: Forms }[] = [
    { name: 'Margarita Juancho Domínguez', forms: { nicknames: { margarita: ['daisy', 'rita', 'marga'], juancho: ['juan'] } } },
    { name: 'Muhamed Ayala', forms: { transliterations: { muhamed: ['mohammed', 'muhammad'] } } },
    { name: 'José García', forms: { nicknames: { jose: ['pepe'] }, typos: { garcia: ['garsia'] } } },
    { name: 'Robert Smith Jones', forms: { nicknames: { robert: ['bob', 'rob'] } } },
    { name: 'Chapo', forms: {} },
    { name: 'Juan de la Cruz', forms: { nicknames: { juan: ['juanito'] } } },
  ];
  const stored = [
    'Juan Díaz', 'Juan Díaz López', 'Daisy Juan Domínguez', 'Rita Domínguez', 'Margarita Domínguez', 'Juan Domínguez',
    'Marga Juan Dominguez Ruiz', 'Ali Mohammed Morales', 'Mohammed Ali', 'Mohammed Ayala', 'Muhammad Ayala Haddad',
    'Pepe García', 'José Garsia', 'García', 'Pepe', 'Bob Smith', 'Bob Jones', 'Roberto Smith', 'Rob Smith Jones Lee',
    'Chapo', 'El Chapo Guzmán', 'Joaquín Guzmán', 'Juanito Cruz', 'Cruz', 'Hussein Hassan', 'Mary Watson', 'X',
  ];
  // Unknown on both sides, equal, unknown on one side either way, and close (day and month swapped).
  const dobs: [string | null, string | null][] = [
    [null, null], ['1970-01-02', '1970-01-02'], ['1970-01-02', null], [null, '1970-01-02'], ['1970-01-02', '1970-02-01'],
  ];

  /** Each token's phonetic codes, as the engine stores them. */
  async function codesOf(tokens: string[]): Promise<Map<string, string[]>> {
    const rows = await withDb(async (db) => (await db.query(
      `SELECT t AS token, person_token_codes(t) AS codes FROM unnest($1::text[]) AS t`, [[...new Set(tokens)]])).rows);
    return new Map(rows.map((r) => [r.token as string, (r.codes as string[]).filter((c) => c.length > 0)]));
  }

  it('never drops a row the score could keep, and drops rows blocked through a form\'s sound alone', async () => {
    const queryTokens = queries.map((q) => nameTokens(q.name));
    const storedTokens = stored.map((s) => nameTokens(s));
    const codes = await codesOf([...queryTokens.flat(), ...storedTokens.flat()]);
    const codesOfToken = (t: string) => codes.get(t) ?? [];
    let kept = 0; let dropped = 0;
    const wrong: string[] = [];
    for (const [qi, query] of queries.entries()) {
      const tokens = queryTokens[qi];
      const [nicknames, typos, transliterations] = (['nicknames', 'typos', 'transliterations'] as const)
        .map((kind) => tokens.map((t) => query.forms[kind]?.[t] ?? []));
      const forms = [...nicknames, ...typos, ...transliterations];
      const own: NameTokens = { tokens, codes: tokens.map(codesOfToken), nicknames, typos, transliterations };
      for (const [queryDob, storedDob] of dobs) {
        // What the score needs, at the best spelling a row could have.
        const expected = storedTokens.map((st) => mayMatch({
          trigram: 1, agreement: agreementOf(alignTokenPairs(own, { tokens: st, codes: st.map(codesOfToken) })),
          queryTokens: tokens.length, storedTokens: st.length,
        }, queryDob, storedDob, { matchThreshold: THRESHOLD, rareNameMinWeight: 24 }));
        const test = agreeingTokensTest(tokens.length, '$6::text[]', '$7::text[]');
        const rows = await withDb(async (db) => (await db.query(
          `SELECT i, ${test} AS passes
           FROM unnest($1::text[], $3::text[]) WITH ORDINALITY AS s(tokens, codes, i),
                LATERAL (SELECT string_to_array(s.tokens, ' ') AS tokens, string_to_array(s.codes, chr(31)) AS token_codes,
                                $8::date AS date_of_birth) p
           ORDER BY i`,
          [storedTokens.map((st) => st.join(' ')), queryDob, storedTokens.map((st) => st.map((t) => codesOfToken(t).join(' ')).join('\u001f')),
            minTrigramFor('UNKNOWN', THRESHOLD), minTrigramFor('EQUAL', THRESHOLD), [...tokens, ...forms.flat()], [...new Set(own.codes.flat())], storedDob],
        )).rows);
        expect(rows).toHaveLength(stored.length);
        rows.forEach((r, j) => {
          if (r.passes) kept += 1; else dropped += 1;
          if (expected[j] && !r.passes) wrong.push(`${query.name} (${queryDob}) dropped ${stored[j]} (${storedDob})`);
        });
      }
    }
    expect(wrong).toEqual([]);
    // It cuts ("Juan Díaz" for "Margarita Juancho Domínguez": Díaz sounds like Daisy, which agrees with nothing) and keeps.
    expect(dropped).toBeGreaterThan(queries.length * stored.length / 4);
    expect(kept).toBeGreaterThan(queries.length * 2);
  });
});
