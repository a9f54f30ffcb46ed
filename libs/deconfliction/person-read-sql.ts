/**
 * The SQL a person read is built of (PersonCandidates): the columns, the spelling and agreement cuts, and a check's
 * crowd statements. Parameters $1..$8 are fixed (PersonCandidates.lookup); the rest are appended as each part is built.
 */

export const COLUMNS = `p.id AS row_id, coalesce(p.subject_id, p.id) AS item_id, p.name_form, p.case_id, p.lookout_id, p.seizure_id, p.agency,
  p.full_name AS display_value, p.date_of_birth::text AS dob, array_to_string(p.tokens, chr(31)) AS tokens,
  array_to_string(p.token_codes, chr(31)) AS token_codes, s.trigram, s.skeleton_trigram`;

/**
 * Whether a row's case is open, read with the row instead of by a statement of its own (a round trip per probe, and
 * for a common name an array of thousands of ids). A scalar subquery, not EXISTS: PostgreSQL may hash an EXISTS
 * subplan, which reads the whole cases table once (a sequential scan of 10,000 cases, 2.5-2.9 ms, in a check's
 * decisive read at 1M persons, growing with the table), while a scalar subquery is always one index probe per row.
 * Under `all`'s ORDER BY and LIMIT the planner evaluates it after the sort, for the rows returned only.
 */
const openCase = (row: string) => `coalesce((SELECT c.status <> 'CLOSED' FROM cases c WHERE c.id = ${row}.case_id), false) AS open_case`;
export const OPEN_CASE = openCase('p');

/** Whether a crowd row's case is open, as a test: under a LIMIT, it runs for the rows the scan reaches only. */
const inOpenCase = (row: string) => `EXISTS (SELECT 1 FROM cases c WHERE c.id = ${row}.case_id AND c.status <> 'CLOSED')`;

/**
 * What pg_trgm's similarity() of two names needs from their trigram sets as person_keys stores them
 * (person_name_trigrams, migration 1763900000049: pg_trgm's own trigrams), as `t`: the trigrams in common, counted
 * once (an expression written twice is computed twice), and each set's size. A subquery in FROM: 1.0 µs a row against
 * 5.2 for similarity() and 1.2 for the intersection written twice (8,655 rows at 1M persons).
 */
export const trigramCounts = (stored: string, query: string): string =>
  `(SELECT icount(${stored} & ${query}) AS common, icount(${stored}) AS stored, icount(${query}) AS query OFFSET 0) t`;

/**
 * pg_trgm's similarity() from trigramCounts' `t`, equal to the last bit (test/integration/person-name-trigrams.spec.ts):
 * the trigrams in common over those in either, divided in float4 as pg_trgm divides, and 0 when either set is empty.
 */
export const TRIGRAM_SIMILARITY =
  'CASE WHEN t.stored = 0 OR t.query = 0 THEN 0::float4 ELSE t.common::float4 / (t.stored + t.query - t.common)::float4 END';

/**
 * Each read row's spellings, computed once (`s`): written in the filter, the select list and the ranking, they ran three
 * times per row. OFFSET 0 keeps the planner from folding the subquery back into those three places. The folded names'
 * similarity is pg_trgm's, computed from the two trigram sets ($1, the query's; trigramCounts) instead of by
 * similarity(), which extracted both names' trigrams on every row and was most of a person read's time. The skeletons'
 * is computed only for a script name ($7 null otherwise): nothing else reads it, and skeletons have no stored set.
 * `persons`: the rows read, as `p` (a subquery of person_keys in a check's crowd).
 */
export const personRead = (persons = 'person_keys p') => `${persons} CROSS JOIN LATERAL (
  SELECT ${TRIGRAM_SIMILARITY} AS trigram,
         CASE WHEN $7::text IS NULL THEN 0 ELSE similarity(p.skeleton_name, $7) END AS skeleton_trigram
  FROM ${trigramCounts('p.name_trigrams', '$1::int[]')} OFFSET 0) s`;

/** The SQL parts every person read shares, with their parameters ($1..$8 fixed, then blocking's and the agreement test's). */
export interface Lookup {
  params: unknown[];
  /** The stored person is someone else's (not the querying case's) and not an expired lookout's. */
  live: string;
  /**
   * Spelling bounds by how the DOBs relate: a row no tier could reach is dropped in SQL. Two conjuncts, to be ANDed at
   * the top of a WHERE: the cut on the stored trigram sets (roughTrigramTest), which reads the row alone and so is
   * applied as it is scanned, then the similarity (personRead's `s`) on the rows it passes.
   */
  spelling: string;
  /** Persons born neither the same nor a close day are no match: those with no DOB on one side, by name. */
  undated: string;
  /** Persons born the same or a close day, by one code in common (null without a DOB in the query). */
  sameOrClose: string | null;
  /** The ranking: the same or a close DOB first, then spelling (a row carrying another form as if at the cut-off). */
  rank: string;
}

/**
 * Whether two trigram sets (person_name_trigrams) may have pg_trgm's similarity of at least `bound`: similarity =
 * c / (stored + query - c), with c the trigrams in common, is at least the bound when c * (1 + bound) >= bound *
 * (stored + query). Tested on the row alone, as it is scanned, so it spares the rows that cannot pass the rest of the
 * read. One trigram of slack, for float4 rounding: a row it passes may still fail the similarity, never the other way
 * round (test/integration/person-name-trigrams.spec.ts).
 */
export const roughTrigramTest = (stored: string, query: string, querySize: string, bound: string): string =>
  `(icount(${stored} & ${query}) + 1) * (1 + ${bound}) >= ${bound} * (icount(${stored}) + ${querySize})`;

/**
 * Whether enough of a row's tokens may agree with the query's for its score to reach the threshold: the score weighs
 * spelling and agreeing tokens alike (scoring.ts personScore), so the share of agreeing tokens needs the same bound as
 * the trigram ($4, or $5 for the same DOB; minTrigramFor). A stored token can agree only by being one of the query's
 * spellings (`spellings`: its tokens, typos, nicknames, other transliterations) or by sharing one of the query tokens'
 * own codes (`ownCodes`: not their forms', which block the row but agree with nothing), and tokens pair one to one, so
 * those tokens, at most as many as the query has, over the shorter name bound it from above (person-tokens.ts
 * agreementKind). A row it drops is no match; "Juan Díaz" is blocked for "Margarita Juancho Domínguez" by Juan, a
 * nickname of Juancho, and Díaz, which sounds like Daisy, one of Margarita, yet only Juan can agree. The slack is for
 * float rounding: it may keep a row, never drop one.
 */
export const agreeingTokensTest = (queryTokens: number, spellings: string, ownCodes: string): string => {
  const q = Number(queryTokens);
  return `CASE WHEN p.date_of_birth = $2::date THEN $5::float8 ELSE $4::float8 END * greatest(1, least(${q}, cardinality(p.tokens)))
    <= least(${q}, (SELECT count(*) FROM unnest(p.tokens, p.token_codes) AS t(token, codes)
                    WHERE t.token = ANY(${spellings}) OR string_to_array(t.codes, ' ') && ${ownCodes})) + 1e-9`;
};

/** What a check's crowd read (PersonCandidates.crowd) adds to a lookup: the owners CTE and its tests, and the LIMIT. */
export interface CrowdParts {
  /** The WITH clause naming `owners`: the cases and seizures holding one of the check's strong identifiers. */
  owners: string;
  byOwner: string;
  /** The rare spellings' test (null: none). */
  rare: string | null;
  cap: number;
}

/**
 * The crowd's blocked persons are a subquery (OFFSET 0 keeps it one), which the planner plans for all its rows, as under
 * no LIMIT. Under the LIMIT, a name blocked on hundreds of pair keys (nicknames: "John Mary Lee", 339 keys) was
 * estimated at 77,000 persons, so a sequential scan seemed to meet 201 of them soon: it read 54,000 rows in 1.2 s to find
 * 584 of the index's 11,000 (40 ms). The LIMIT still stops the index's heap scan at 201.
 */
const undatedPersons = (sql: Lookup, more = '') => personRead(`(SELECT * FROM person_keys p WHERE ${sql.undated}${more} OFFSET 0) p`);

/**
 * The crowd: undated open cases' persons no owner or rare spelling decides, the scan stopping at the cap (a CTE named
 * `crowd`, after `owners`).
 */
export const crowdOnly = (sql: Lookup, { byOwner, rare, cap }: CrowdParts) => `crowd AS MATERIALIZED (
         SELECT ${COLUMNS} FROM ${undatedPersons(sql, ' AND p.case_id IS NOT NULL')}
         WHERE ${sql.live} AND ${sql.spelling}
           AND ${byOwner} IS NOT TRUE ${rare === null ? '' : `AND NOT (${rare})`}
           AND ${inOpenCase('p')}
         LIMIT ${cap})`;

/**
 * Rare spellings looked up by the tokens index: the decisive persons are read by their indexes (DOB, owners, tokens),
 * and the crowd's scan of the other undated persons stops at the cap.
 */
export function twoUndatedReads(sql: Lookup, read: CrowdParts): string {
  const { owners, byOwner, rare } = read;
  return `${owners},
       ${crowdOnly(sql, read)}
       SELECT ${COLUMNS}, ${OPEN_CASE}, false AS crowd FROM ${personRead()}
       WHERE (${sql.sameOrClose ?? 'false'} OR (${byOwner} AND ${sql.undated})${rare === null ? '' : ` OR (${rare} AND ${sql.undated})`})
         AND ${sql.live} AND ${sql.spelling}
       UNION ALL SELECT *, true, true FROM crowd`;
}

/**
 * Rare spellings carried by more than PERSON_RARE_SPELLINGS_INDEXED_MAX persons are tested row by row on the undated
 * persons blocked, all of which the decisive read then scans. The crowd is among those same rows: one scan marks each
 * row decisive or not (`crowd`) instead of a second scan for the crowd, which took 9.3 ms of the 27.7 of "Juan ricky
 * López Bonilla" born 1978-02-25 (the same matches on 1,000 bench checks). Whether a row's case is open is read for the
 * decisive rows and for the crowd's under its LIMIT, not for every row scanned. Its columns come in another order than
 * twoUndatedReads' (`crowd` before `open_case`, so a row of `undated` is read back whole); rows are read by name.
 */
export function oneUndatedRead(sql: Lookup, { owners, byOwner, rare, cap }: CrowdParts): string {
  return `${owners},
       undated AS MATERIALIZED (
         SELECT ${COLUMNS}, NOT (${byOwner} IS TRUE OR ${rare}) AS crowd FROM ${undatedPersons(sql)}
         WHERE ${sql.live} AND ${sql.spelling})
       SELECT ${COLUMNS}, false AS crowd, ${OPEN_CASE} FROM ${personRead()}
       WHERE ${sql.sameOrClose ?? 'false'} AND ${sql.live} AND ${sql.spelling}
       UNION ALL SELECT u.*, ${openCase('u')} FROM undated u WHERE NOT u.crowd
       UNION ALL (SELECT u.*, true FROM undated u WHERE u.crowd AND u.case_id IS NOT NULL AND ${inOpenCase('u')} LIMIT ${cap})`;
}
