import type { EntityManager } from 'typeorm';
import { query } from '../db/sql';
import type { PersonKey } from './match-keys';
import {
  alignTokens, isTypoOf, MIN_TYPO_TOKEN_LENGTH, NameTokens, pairKeys, SpellingNeighbour, spellingVariants,
} from './person-tokens';
import { DobRelation, minTrigramFor, scorePerson, Scored } from './scoring';

/** A stored value as every probe reads it: whose it is and how it is shown. */
export interface StoredSideRow {
  case_id: string | null; lookout_id: string | null; seizure_id?: string | null; agency: string; item_id: string; display_value: string;
}

/** A stored person as `candidates` reads it. */
interface PersonRow extends StoredSideRow { case_id: string; dob: string | null; tokens: string[]; token_codes: string[]; trigram: number | string }

/** A stored person that reached the threshold: its row (ids, agency, display value) and its score. */
export interface PersonCandidate { row: PersonRow; scored: Scored }

/** One query token's typo neighbours and the phonetic codes it is blocked on (its own and theirs). */
interface ExpandedToken { typos: string[]; codes: string[] }

interface VocabularyRow { token: string; codes: string[]; persons: number }

const joinCodes = (codes: string[]) => codes.join(' ');

/**
 * Persons: stored with per-token codes, pair keys and their tokens counted in the vocabulary; probed by blocking on
 * pair keys (two tokens agree by sound, or by a typo of a rare spelling) or on the same date of birth plus one code,
 * then ranked by `scorePerson`.
 */
export class PersonMatching {
  constructor(private readonly threshold: number) {}

  async store(tx: EntityManager, owner: { caseId: string; agency: string }, p: PersonKey, codes: string[][], at: Date): Promise<void> {
    // The vocabulary counts a person once: its rows are written only when the person row is new (retries add nothing).
    await tx.query(
      `WITH stored AS (
         INSERT INTO person_keys (id, case_id, agency, full_name, folded_name, tokens, codes, token_codes, pair_keys,
                                  date_of_birth, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id)
       INSERT INTO person_name_tokens (token, codes, variants, persons)
       SELECT v.token, string_to_array(v.codes, ' '), string_to_array(v.variants, ' '), 1
       FROM stored, unnest($6::text[], $8::text[], $12::text[]) AS v(token, codes, variants)
       ON CONFLICT (token) DO UPDATE SET persons = person_name_tokens.persons + 1`,
      [p.id, owner.caseId, owner.agency, p.fullName, p.folded, p.tokens, [...new Set(codes.flat())], codes.map(joinCodes),
        pairKeys(codes), p.dateOfBirth, at, p.tokens.map((t) => spellingVariants(t).join(' '))],
    );
  }

  async probe(tx: EntityManager, person: PersonKey, codes: string[][], excludeCaseId: string | null): Promise<PersonCandidate[]> {
    if (codes.every((c) => c.length === 0)) return [];
    const expanded = await this.expand(tx, person.tokens, codes);
    const own: NameTokens = { tokens: person.tokens, codes, typos: expanded.map((e) => e.typos) };
    const rows = await this.candidates(tx, person, expanded.map((e) => e.codes), excludeCaseId);
    const hits = rows.flatMap((r) => {
      const scored = scorePerson({
        trigram: Number(r.trigram), agreement: alignTokens(own, storedTokens(r)),
        queryTokens: person.tokens.length, storedTokens: r.tokens.length, dob: dobRelation(person.dateOfBirth, r.dob),
      });
      return scored.score >= this.threshold ? [{ row: r, scored }] : [];
    });
    const open = await openCases(tx, hits.map((h) => h.row.case_id));
    return hits.filter((h) => open.has(h.row.case_id));
  }

  /**
   * Typo neighbours from the vocabulary: stored spellings one edit away (they share a one-letter-deleted form), kept
   * when one side is rare. Read after the locks: a concurrent pass storing such a spelling shares a `person-spelling`
   * lock with this one (lockNamesFor), so its tokens are committed and counted by now.
   */
  private async expand(tx: EntityManager, tokens: string[], codes: string[][]): Promise<ExpandedToken[]> {
    const long = tokens.filter((t) => t.length >= MIN_TYPO_TOKEN_LENGTH);
    const vocabulary = long.length === 0 ? [] : await query<VocabularyRow>(tx,
      'SELECT token, codes, persons FROM person_name_tokens WHERE variants && $1::text[]',
      [[...new Set(long.flatMap(spellingVariants))]],
    );
    return tokens.map((token, i) => {
      const persons = vocabulary.find((v) => v.token === token)?.persons ?? 0;
      const typos = vocabulary.filter((v) => isTypoOf(token, persons, neighbour(v)));
      return { typos: typos.map((v) => v.token), codes: [...new Set([...codes[i], ...typos.flatMap((v) => v.codes)])] };
    });
  }

  /**
   * Blocking as measured in shared/notes: pair keys (GIN) or the same date of birth (btree) with one code in common.
   * Rows whose name trigram cannot reach the threshold even with every token agreeing are dropped here, not fetched.
   */
  private async candidates(tx: EntityManager, person: PersonKey, codes: string[][], excludeCaseId: string | null): Promise<PersonRow[]> {
    const bound = (dob: DobRelation) => minTrigramFor(dob, this.threshold);
    const params: unknown[] = [person.folded, person.dateOfBirth, excludeCaseId, bound('UNKNOWN'), bound('EQUAL'), bound('DIFFERENT')];
    return query<PersonRow>(tx,
      `SELECT p.id AS item_id, p.case_id, NULL AS lookout_id, p.agency, p.full_name AS display_value,
              p.date_of_birth::text AS dob, p.tokens, p.token_codes, similarity(p.folded_name, $1) AS trigram
       FROM person_keys p
       WHERE ${this.blocking(person, codes, params)} AND p.case_id IS DISTINCT FROM $3
         AND CASE WHEN $2::date IS NULL OR p.date_of_birth IS NULL THEN similarity(p.folded_name, $1) >= $4::float8
                  WHEN p.date_of_birth = $2::date THEN similarity(p.folded_name, $1) >= $5::float8
                  ELSE similarity(p.folded_name, $1) >= $6::float8 END`,
      params,
    );
  }

  /**
   * Without a date of birth in the query every pair-key candidate is in play. With one, a stored person born another
   * day cannot reach the threshold (unless it is set low), so only those without a DOB are looked up by pair keys
   * (a partial GIN index) and those born the same day by the DOB btree: "José García" born 1973-01-06 reads a few
   * hundred rows instead of every José García. Appends its parameters to `params`.
   */
  private blocking(person: PersonKey, codes: string[][], params: unknown[]): string {
    const pairs = `$${params.push(pairKeys(codes))}::text[]`;
    if (person.dateOfBirth === null) return `p.pair_keys && ${pairs}`;
    const sameDay = `(p.date_of_birth = $2::date AND p.codes && $${params.push([...new Set(codes.flat())])}::text[])`;
    if (minTrigramFor('DIFFERENT', this.threshold) <= 1) return `(p.pair_keys && ${pairs} OR ${sameDay})`;
    return `((p.date_of_birth IS NULL AND p.pair_keys && ${pairs}) OR ${sameDay})`;
  }
}

/** Cases that are not closed, among those of the persons that scored a hit (index lookups, not a join over all cases). */
async function openCases(tx: EntityManager, caseIds: string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await query<{ id: string }>(tx,
    `SELECT id FROM cases WHERE id = ANY($1::uuid[]) AND status <> 'CLOSED'`, [[...new Set(caseIds)]]);
  return new Set(rows.map((r) => r.id));
}

const neighbour = (v: VocabularyRow): SpellingNeighbour => ({ token: v.token, persons: Number(v.persons) });

const storedTokens = (r: PersonRow): NameTokens => ({
  tokens: r.tokens,
  codes: r.token_codes.map((c) => c.split(' ').filter((code) => code.length > 0)),
});

function dobRelation(own: string | null, stored: string | null): DobRelation {
  if (own === null || stored === null) return 'UNKNOWN';
  return own === stored ? 'EQUAL' : 'DIFFERENT';
}
