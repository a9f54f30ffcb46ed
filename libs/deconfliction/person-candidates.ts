import type { EntityManager } from 'typeorm';
import { query } from '../db/sql';
import type { PersonKey } from './match-keys';
import { ExactNorm, STRONG_IDENTIFIERS } from './person-evidence';
import { personSkeleton } from './person-skeletons';
import { closeDobs } from './person-tier-rules';
import { blockingCodes, pairKeys } from './person-tokens';
import {
  agreeingTokensTest, COLUMNS, CrowdParts, crowdOnly, Lookup, OPEN_CASE, oneUndatedRead, personRead, roughTrigramTest, twoUndatedReads,
} from './person-read-sql';
import { DobRelation, minTrigramFor } from './scoring';

/** A stored value as every probe reads it: whose it is and how it is shown. */
export interface StoredSideRow {
  case_id: string | null; lookout_id: string | null; seizure_id?: string | null; agency: string; item_id: string; display_value: string;
}

/** A stored person as a probe reads it: a case's subject, a seizure's arrestee or a lookout's person (case_id null). */
export interface PersonRow extends StoredSideRow {
  /** The stored row's own id (a subject's aliases share its item_id): a check reading a crowd again grades each row once. */
  row_id: string;
  case_id: string | null; seizure_id: string | null; dob: string | null; tokens: string[]; token_codes: string[]; trigram: number | string;
  /** pg_trgm similarity of the skeleton names (person-skeletons.ts). */
  skeleton_trigram: number | string;
  /** Which of the subject's names this row is (null: its legal name; name-forms.ts). */
  name_form: string | null;
  /** The row is a case's and that case is not closed (read with the row: no round trip of its own). */
  open_case: boolean;
}

/**
 * What a probe looks up: the person, its blocking codes per token (its own and its forms'), whether it is a name from
 * a script without short vowels (compared on skeletons), and its other forms' tokens (typo neighbours, nicknames,
 * other transliterations), which keep a row whose spelling differs.
 */
export interface CandidateLookup {
  person: PersonKey; codes: string[][]; excludeCaseId: string | null; script: boolean; formTokens: string[];
  /** The query tokens' own phonetic codes, not their forms': a stored token agrees by sound through these alone. */
  ownCodes: string[];
  /** The folded name's trigram set as person rows store theirs (person_name_trigrams, read with the vocabulary). */
  trigrams: number[];
}

/**
 * A check's read of a common name: every stored person a DOB or a shared identifier may decide (`decisive`), and up to
 * `countCap + 1` of the others (`crowd`: open cases' persons whose DOB is unknown on one side), in no order.
 */
export interface CrowdRead { decisive: PersonRow[]; crowd: PersonRow[] }

/** The spellings through which a namesake may weigh above the rare bar, and their persons counted per spelling, summed. */
export interface RareSpellings { tokens: string[]; persons: number }

/**
 * A person row as COLUMNS sends it: its two arrays joined by the unit separator (U+001F, in no name token or code),
 * which Node splits in a fraction of the time the driver takes to parse array literals (a third of a 4,000-row read).
 */
type WireRow = Omit<PersonRow, 'tokens' | 'token_codes'> & { tokens: string; token_codes: string };

/**
 * The row the driver made, its two arrays split in place: a copy of each row (object rest and spread) was a third of
 * the garbage a common name's check made, thousands of rows each (the copies cost about 16 ms of CPU on each of the six
 * slowest names at 10M persons; bench/support/probe-split.ts).
 */
function fromWire<T extends WireRow>(row: T): Omit<T, 'tokens' | 'token_codes'> & Pick<PersonRow, 'tokens' | 'token_codes'> {
  const { tokens, token_codes: codes } = row;
  // A row has as many codes as tokens: an empty name has neither (and one token's codes may be '').
  const split = (joined: string) => (tokens === '' ? [] : joined.split('\u001f'));
  const person = row as unknown as Omit<T, 'tokens' | 'token_codes'> & Pick<PersonRow, 'tokens' | 'token_codes'>;
  person.tokens = split(tokens);
  person.token_codes = split(codes);
  return person;
}

/**
 * Reads the stored persons a probe grades (person-matching.ts), blocked as measured in shared/notes: pair keys (GIN)
 * or the same or a close date of birth with one code in common (the date's btree, which holds each person's codes).
 */
export class PersonCandidates {
  /**
   * `candidateCap`: most stored persons `all` reads (PERSON_CANDIDATE_CAP). `rareSpellingsIndexedMax`: past this many
   * persons carrying a check's rare spellings, `crowd` finds them among the persons blocked by name instead of through
   * the tokens index (PERSON_RARE_SPELLINGS_INDEXED_MAX, config.ts).
   */
  constructor(private readonly threshold: number, private readonly candidateCap: number, private readonly rareSpellingsIndexedMax: number) {}

  /**
   * Every blocked candidate whose spelling can reach the threshold, at most `candidateCap`, ranked in SQL: those born
   * the same or a close day (the few a DOB can make PROBABLE or CONFIRMED) first, then by spelling, so a common name
   * cannot make a probe hand thousands of namesakes to Node; above the cap the name is ambiguous anyway.
   */
  async all(tx: EntityManager, lookup: CandidateLookup): Promise<PersonRow[]> {
    const sql = this.lookup(lookup);
    const blocked = sql.sameOrClose === null ? sql.undated : `(${sql.undated} OR ${sql.sameOrClose})`;
    const rows = await query<WireRow>(tx,
      `SELECT ${COLUMNS}, ${OPEN_CASE} FROM ${personRead()} WHERE ${blocked} AND ${sql.live} AND ${sql.spelling}
       ORDER BY ${sql.rank}, p.id LIMIT ${Number(this.candidateCap)}`,
      sql.params,
    );
    return rows.map(fromWire);
  }

  /**
   * A check's read: namesakes whose DOB is unknown on one side and who carry none of `rareSpellings` can be no more
   * than POSSIBLE (person-tier-rules.ts rareSpellingCutoff), and a check answers many of them as one count
   * (check-collapse.ts). So the persons a DOB, a shared strong identifier or a rare spelling may decide are all read
   * (the DOB index, the cases holding one of the check's identifiers, the tokens index), and of the rest at most
   * `countCap + 1`, the scan stopping there instead of reading every "José García". The rest are open cases' persons
   * only: a lookout hears of no POSSIBLE match, and a check meets no seizure.
   */
  async crowd(tx: EntityManager, lookup: CandidateLookup, ownKeys: ExactNorm[], countCap: number, rareSpellings: RareSpellings): Promise<CrowdRead> {
    const { sql, read } = this.crowdParts(lookup, ownKeys, countCap + 1, rareSpellings, true);
    const unindexed = read.rare !== null && rareSpellings.persons > this.rareSpellingsIndexedMax;
    const wire = await query<WireRow & { crowd: boolean }>(tx, unindexed ? oneUndatedRead(sql, read) : twoUndatedReads(sql, read), sql.params);
    const rows = wire.map(fromWire);
    return { decisive: rows.filter((r) => !r.crowd), crowd: rows.filter((r) => r.crowd) };
  }

  /**
   * The crowd of `crowd` alone, up to `limit` rows: a check reads further into a common name's namesakes when the first
   * PERSON_CHECK_COUNT_CAP + 1 held too few POSSIBLE ones to settle its answer (person-matching.ts). The rows come in
   * the scan's order, not ranked, and a longer read may return the shorter one's rows again: those in `graded` (row
   * ids) are left out unconverted. `size`: how many rows the read returned, those left out included.
   */
  async crowdPage(
    tx: EntityManager, lookup: CandidateLookup, ownKeys: ExactNorm[], limit: number, rareSpellings: RareSpellings, graded: ReadonlySet<string>,
  ): Promise<{ fresh: PersonRow[]; size: number }> {
    const { sql, read } = this.crowdParts(lookup, ownKeys, limit, rareSpellings, false);
    const wire = await query<WireRow>(tx, `${read.owners}, ${crowdOnly(sql, read)} SELECT *, true AS open_case FROM crowd`, sql.params);
    return { fresh: wire.filter((r) => !graded.has(r.row_id)).map(fromWire), size: wire.length };
  }

  /** `dated`: whether the statement reads the persons born the same or a close day too (a crowd page does not). */
  private crowdParts(
    lookup: CandidateLookup, ownKeys: ExactNorm[], cap: number, rareSpellings: RareSpellings, dated: boolean,
  ): { sql: Lookup; read: CrowdParts } {
    const sql = this.lookup(lookup, dated);
    const spellings = rareSpellings.tokens.length === 0 ? null : `$${sql.params.push(rareSpellings.tokens)}::text[]`;
    const rare = spellings === null ? null : `p.tokens && ${spellings}`;
    const strong = ownKeys.filter((k) => (STRONG_IDENTIFIERS as readonly string[]).includes(k.matchType));
    const [types, norms, kinds] = [strong.map((k) => k.matchType), strong.map((k) => k.norm), [...STRONG_IDENTIFIERS]]
      .map((values) => `$${sql.params.push(values)}::text[]`);
    // NULL, not false, for a row without a seizure once some owner shares an identifier: hence IS NOT TRUE below.
    const byOwner = `(p.case_id = ANY(ARRAY(SELECT id FROM owners)) OR p.seizure_id = ANY(ARRAY(SELECT id FROM owners)))`;
    // `forms` is never read: it types $8, which a script name's spelling test does not use (`all` ranks on it).
    const owners = `WITH forms AS (SELECT $8::text[] AS tokens), own AS (
         SELECT match_type, norm FROM match_keys WHERE case_id = $3::uuid AND match_type = ANY(${kinds}) AND NOT partial
         UNION SELECT * FROM unnest(${types}, ${norms}) AS u(match_type, norm)),
       owners AS MATERIALIZED (
         SELECT DISTINCT coalesce(k.case_id, k.seizure_id) AS id
         FROM own JOIN match_keys k ON k.match_type = own.match_type AND k.norm = own.norm AND NOT k.partial
         WHERE coalesce(k.case_id, k.seizure_id) IS NOT NULL)`;
    return { sql, read: { owners, byOwner, rare, cap: Number(cap) } };
  }

  /**
   * Rows whose spelling cannot reach the threshold even with every token agreeing are dropped in SQL, not fetched; a
   * close date scores as an unknown one (person-tier-rules.ts). The spelling is the folded names' trigram; for a name
   * from a script without short vowels (`script`) also the skeleton names' (person-skeletons.ts); and a row carrying
   * one of the query's other forms is kept for the score to weigh once those forms are written alike
   * (names/aligned-spelling.ts), unless the query is a script name, cut on the skeletons' similarity alone: its other
   * forms are its Latin spellings, which the skeletons already write alike, and keeping them would hand Node every row
   * carrying one of the many spellings of "Muhammad".
   */
  private lookup({ person, codes, ownCodes, excludeCaseId, script, formTokens, trigrams }: CandidateLookup, dated = true): Lookup {
    const bound = (dob: DobRelation) => minTrigramFor(dob, this.threshold);
    const close = person.dateOfBirth === null ? [] : closeDobs(person.dateOfBirth);
    const skeleton = personSkeleton(person.fullName);
    const params: unknown[] = [
      trigrams, person.dateOfBirth, excludeCaseId, bound('UNKNOWN'), bound('EQUAL'), close, script ? skeleton.name : null, formTokens,
    ];
    const similarity = script ? 'greatest(s.trigram, s.skeleton_trigram)' : 's.trigram';
    const passes = (min: string) => (script ? `${similarity} >= ${min}` : `(${similarity} >= ${min} OR p.tokens && $8::text[])`);
    const blocking = this.blocking(person, codes, params, script ? skeleton.pairs : null, dated);
    // Rows born the same day as the query (few, and cut at a lower bound) and rows carrying another form of the query's
    // tokens are left to the similarity; any other row that can pass is cut at $4. The query's set ($1) is read with
    // the vocabulary, not computed again by each statement.
    const rough = roughTrigramTest('p.name_trigrams', '$1::int[]', String(Number(trigrams.length)), '$4::float8');
    // A script name is also compared on its skeletons, which have no stored trigrams: the similarities decide alone.
    const cut = script ? '' : `(p.date_of_birth = $2::date OR p.tokens && $8::text[] OR ${rough}) AND `;
    const agreeing = agreeingTokensTest(person.tokens.length, `$${params.push([...person.tokens, ...formTokens])}::text[]`,
      `$${params.push(ownCodes.filter((c) => c.length > 0))}::text[]`);
    return {
      params, ...blocking,
      live: `p.case_id IS DISTINCT FROM $3 AND (p.expires_at IS NULL OR p.expires_at > now())`,
      spelling: `${cut}CASE WHEN $2::date IS NULL OR p.date_of_birth IS NULL THEN ${passes('$4::float8')}
                      WHEN p.date_of_birth = $2::date THEN ${passes('$5::float8')}
                      WHEN p.date_of_birth = ANY($6::date[]) THEN ${passes('$4::float8')}
                      ELSE false END AND ${agreeing}`,
      rank: `(p.date_of_birth = $2::date OR p.date_of_birth = ANY($6::date[])) IS NOT TRUE,
             greatest(${similarity}, CASE WHEN p.tokens && $8::text[] THEN $4::float8 ELSE 0 END) DESC`,
    };
  }

  /**
   * Without a date of birth in the query every pair-key candidate is in play. With one, a stored person born on a day
   * neither equal nor close is no match whatever the names (issue 16), so only those without a DOB are looked up by
   * pair keys (a partial GIN index) and those born the same or a close day with a code of the name by the date's
   * btree, which holds the codes (migration 1763900000047): "José García" born 1973-01-06 reads a few hundred rows
   * instead of every José García, or every person born on its 55 days. A name written in another script is looked up
   * by its skeleton pairs (`skeletonPairs`) instead of pair keys; a one-word name (a moniker), which has no pair, by
   * its codes among the stored one-word names (a partial GIN index). Appends its parameters to `params`; those of the
   * same or a close day only when `dated` (PostgreSQL cannot type a parameter the text does not use).
   */
  private blocking(
    person: PersonKey, codes: string[][], params: unknown[], skeletonPairs: string[] | null, dated: boolean,
  ): Pick<Lookup, 'undated' | 'sameOrClose'> {
    const byName = skeletonPairs === null
      ? `p.pair_keys && $${params.push(pairKeys(blockingCodes(person.tokens, codes)))}::text[]`
      : `p.skeleton_pairs && $${params.push(skeletonPairs)}::text[]`;
    // The codes are pushed where first used: PostgreSQL cannot type a parameter the text does not use.
    let allCodesParam: string | null = null;
    const allCodes = () => (allCodesParam ??= `$${params.push([...new Set(codes.flat())])}::text[]`);
    const named = codes.length === 1 ? `(${byName} OR (cardinality(p.tokens) = 1 AND p.codes && ${allCodes()}))` : byName;
    if (person.dateOfBirth === null) return { undated: named, sameOrClose: null };
    const undated = `(p.date_of_birth IS NULL AND ${named})`;
    if (!dated) return { undated, sameOrClose: null };
    const days = `$${params.push([person.dateOfBirth, ...closeDobs(person.dateOfBirth)])}::date[]`;
    // The ids first, from the index alone (an index-only scan): a common name's codes are tested there, not on the
    // heap rows of everyone born on those days, and only the persons that pass are read, by id (in a BitmapOr with
    // the other blocking, as an InitPlan's array).
    const sameDays = `SELECT d.id FROM person_keys d WHERE d.date_of_birth = ANY(${days}) AND d.codes && ${allCodes()}`;
    return { undated, sameOrClose: `p.id = ANY(ARRAY(${sameDays}))` };
  }
}
