import type { EntityManager } from 'typeorm';
import { query } from '../db/sql';
import type { PersonKey } from './match-keys';
import { storedForm } from './name-forms';
import { countStoredPersons, ExactNorm, sharedStrongIdentifiers, tokenFrequencies } from './person-evidence';
import { otherForms } from './person-name-forms';
import { personSkeleton } from './person-skeletons';
import { alignedSimilarity } from './names/aligned-spelling';
import { isVowelless, nameFormKeys } from './names/name-form-keys';
import { closeDobs, MatchedForm, PersonTier, personTier, PersonTierSettings } from './person-tier-rules';
import {
  agreementOf, alignTokenPairs, BLOCKING_PARTICLES, blockingCodes, isTypoOf, MIN_TYPO_TOKEN_LENGTH, NameTokens, pairKeys, personPairKeys,
  SpellingNeighbour, spellingVariants,
} from './person-tokens';
import { DobRelation, minTrigramFor } from './scoring';

/** A stored value as every probe reads it: whose it is and how it is shown. */
export interface StoredSideRow {
  case_id: string | null; lookout_id: string | null; seizure_id?: string | null; agency: string; item_id: string; display_value: string;
}

/** A stored person as `candidates` reads it: a case's subject, a seizure's arrestee or a lookout's person (case_id null). */
interface PersonRow extends StoredSideRow {
  case_id: string | null; seizure_id: string | null; dob: string | null; tokens: string[]; token_codes: string[]; trigram: number | string;
  /** pg_trgm similarity of the skeleton names (person-skeletons.ts). */
  skeleton_trigram: number | string;
  /** Which of the subject's names this row is (null: its legal name; name-forms.ts). */
  name_form: string | null;
}

/** A stored person the tier rules graded: its row (ids, agency, display value), its tier, score and reason. */
export interface PersonCandidate { row: PersonRow; tier: PersonTier & { tier: NonNullable<PersonTier['tier']> } }

/**
 * One query token's typo neighbours, nicknames and other transliterations, and the phonetic codes it is blocked on
 * (its own and theirs).
 */
interface ExpandedToken { typos: string[]; nicknames: string[]; transliterations: string[]; codes: string[] }

interface VocabularyRow { token: string; codes: string[]; persons: number }

const joinCodes = (codes: string[]) => codes.join(' ');

/**
 * Who owns a stored person: a case, a seizure (an arrestee), or a lookout (issue 17, whose persons stop matching when it
 * expires or is cancelled); exactly one of them.
 */
export interface PersonOwner {
  caseId: string | null; seizureId?: string | null; lookoutId?: string | null; agency: string; expiresAt?: Date | null;
}

/**
 * Persons: stored with per-token codes, pair keys and their tokens counted in the vocabulary; probed by blocking on
 * pair keys (two tokens agree by sound, or by a typo of a rare spelling) or on the same or a close date of birth plus
 * one code, then graded by `personTier` (issue 16): CONFIRMED, PROBABLE, POSSIBLE or no match.
 */
export class PersonMatching {
  private readonly settings: PersonTierSettings;

  /** `candidateCap`: most stored persons one probe reads and scores (PERSON_CANDIDATE_CAP, `candidates`). */
  constructor(private readonly threshold: number, rareNameMinWeight: number, private readonly candidateCap: number) {
    this.settings = { matchThreshold: threshold, rareNameMinWeight };
  }

  /** Stores a pass's persons and adds the new ones to the population counter (person-evidence.ts). */
  async storeAll(tx: EntityManager, owner: PersonOwner, persons: PersonKey[], codes: Map<string, string[][]>, at: Date): Promise<void> {
    let stored = 0;
    for (const p of persons) {
      // An alias or moniker row is another name of a person already counted (its tokens still count in the vocabulary).
      if (await this.store(tx, owner, p, codes.get(p.id) ?? p.tokens.map(() => []), at) && p.subjectId === undefined) stored += 1;
    }
    if (persons.length > 0) await countStoredPersons(tx, persons[0].id, stored);
  }

  /** True when the person row is new. */
  private async store(tx: EntityManager, owner: PersonOwner, p: PersonKey, codes: string[][], at: Date): Promise<boolean> {
    // The vocabulary counts a person once: its rows are written only when the person row is new (retries add nothing).
    const skeleton = personSkeleton(p.fullName);
    const rows = await query<{ stored: string | number }>(tx,
      `WITH stored AS (
         INSERT INTO person_keys (id, case_id, agency, full_name, folded_name, tokens, codes, token_codes, pair_keys,
                                  date_of_birth, created_at, subject_id, name_form, lookout_id, expires_at, seizure_id,
                                  skeleton_name, skeleton_pairs)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13, $14, $16, $17, $18, $19, $20) ON CONFLICT (id) DO NOTHING RETURNING id)
       INSERT INTO person_name_tokens (token, codes, variants, persons, name_forms)
       SELECT v.token, string_to_array(v.codes, ' '), string_to_array(v.variants, ' '), 1, string_to_array(v.forms, ' ')
       FROM stored, unnest($6::text[], $8::text[], $12::text[], $15::text[]) AS v(token, codes, variants, forms)
       ON CONFLICT (token) DO UPDATE SET persons = person_name_tokens.persons + 1
       RETURNING (SELECT count(*) FROM stored) AS stored`,
      [p.id, owner.caseId, owner.agency, p.fullName, p.folded, p.tokens, [...new Set(codes.flat())], codes.map(joinCodes),
        personPairKeys(p.tokens, codes), p.dateOfBirth, at, p.tokens.map((t) => spellingVariants(t).join(' ')), p.subjectId ?? null, storedForm(p.form),
        p.tokens.map((t) => nameFormKeys(t).join(' ')), owner.lookoutId ?? null, owner.expiresAt ?? null, owner.seizureId ?? null,
        skeleton.name, skeleton.pairs],
    );
    return rows.length > 0 && Number(rows[0].stored) > 0;
  }

  /**
   * Stored persons whose names agree and whose dates of birth do not disagree, each with its tier. `ownKeys` are the
   * querying side's exact values not stored yet (this pass's, or a check's), read for a shared strong identifier.
   * Seizures' arrestees are met only when `withSeizures` (a case's pass), as seized serials are.
   */
  async probe(
    tx: EntityManager, person: PersonKey, codes: string[][], excludeCaseId: string | null, ownKeys: ExactNorm[] = [],
    withSeizures = false,
  ): Promise<PersonCandidate[]> {
    if (codes.every((c) => c.length === 0)) return [];
    const expanded = await this.expand(tx, person.tokens, codes);
    const own: NameTokens = {
      tokens: person.tokens, codes, typos: expanded.map((e) => e.typos), nicknames: expanded.map((e) => e.nicknames),
      transliterations: expanded.map((e) => e.transliterations),
    };
    // A token without vowels was written in Arabic script (or the like): its spelling is compared on consonants.
    // The article and "ibn" have no vowel after their first letter either: they make no name a script one.
    const script = person.tokens.some((t) => isVowelless(t) && !BLOCKING_PARTICLES.has(t));
    const formTokens = [...new Set(expanded.flatMap((e) => [...e.typos, ...e.nicknames, ...e.transliterations]))];
    const rows = await this.candidates(tx, person, expanded.map((e) => e.codes), excludeCaseId, script, formTokens);
    const open = await openCases(tx, rows.flatMap((r) => (r.case_id === null ? [] : [r.case_id])));
    const watched = withSeizures ? await watchedSeizures(tx, rows.flatMap((r) => (r.seizure_id ? [r.seizure_id] : [])), excludeCaseId) : new Set();
    // A lookout's person (issue 17) is live until it expires or is cancelled (the query reads only those).
    const isLive = (r: PersonRow) => (r.case_id !== null ? open.has(r.case_id) : r.seizure_id ? watched.has(r.seizure_id) : true);
    const live = rows.filter(isLive).map((r) => ({ row: r, pairs: alignTokenPairs(own, storedTokens(r)) }));
    if (live.length === 0) return [];
    const frequencies = await tokenFrequencies(tx, [...person.tokens, ...expanded.flatMap((e) => e.transliterations), ...live.flatMap((c) => c.row.tokens)]);
    // A seizure's arrestee shares what the seizure recorded (its seized serials): its owner is the seizure.
    const ownerOf = (r: PersonRow) => r.case_id ?? r.seizure_id ?? null;
    const shared = await sharedStrongIdentifiers(tx, excludeCaseId, ownKeys, live.flatMap((c) => ownerOf(c.row) ?? []));
    const count = (token: string) => frequencies.persons.get(token) ?? 0;
    // A transliterated name is as common as all its spellings together: "Yousif" is rare as written, Yusuf is not.
    const family = person.tokens.map((t, i) => expanded[i].transliterations.filter((x) => x !== t).reduce((n, x) => n + count(x), count(t)));
    const otherScript = OTHER_SCRIPT.test(person.fullName);
    return live.flatMap(({ row, pairs }) => {
      // Spelling evidence: the folded names' trigram, the skeletons' for a script name, or the trigram once the tokens
      // that agreed as another form of the same name are written alike (names/aligned-spelling.ts).
      const trigram = Math.max(Number(row.trigram), script ? Number(row.skeleton_trigram) : 0, alignedSimilarity(person.tokens, row.tokens, pairs));
      const tier = personTier({
        name: { trigram, agreement: agreementOf(pairs), queryTokens: person.tokens.length, storedTokens: row.tokens.length },
        queryDob: person.dateOfBirth, storedDob: row.dob, sharedIdentifier: shared.get(ownerOf(row) ?? '') ?? null,
        // A token agreeing by sound or typo is as common as the commoner of its two spellings.
        frequency: { tokenPersons: pairs.map((p) => Math.max(family[p.i], count(row.tokens[p.j]))), totalPersons: frequencies.total },
        forms: pairs.flatMap((p): MatchedForm[] => (p.kind === 'nickname' || p.kind === 'transliteration'
          ? [{ kind: p.kind, query: person.tokens[p.i], stored: row.tokens[p.j] }] : [])),
        otherScript,
      }, this.settings);
      // POSSIBLE matches go to coordinator review, which weighs cases; a lookout hears of PROBABLE and CONFIRMED ones.
      if (tier.tier === null || (row.lookout_id && tier.tier === 'POSSIBLE')) return [];
      return [{ row, tier: { ...tier, tier: tier.tier } }];
    });
  }

  /**
   * Typo neighbours from the vocabulary: stored spellings one edit away (they share a one-letter-deleted form), kept
   * when one side is rare. Read after the locks: a concurrent pass storing such a spelling shares a `person-spelling`
   * lock with this one (lockNamesFor), so its tokens are committed and counted by now. Nicknames and other
   * transliterations likewise (person-name-forms.ts, otherFormLockNames).
   */
  private async expand(tx: EntityManager, tokens: string[], codes: string[][]): Promise<ExpandedToken[]> {
    const long = tokens.filter((t) => t.length >= MIN_TYPO_TOKEN_LENGTH);
    const vocabulary = long.length === 0 ? [] : await query<VocabularyRow>(tx,
      'SELECT token, codes, persons FROM person_name_tokens WHERE variants && $1::text[]',
      [[...new Set(long.flatMap(spellingVariants))]],
    );
    const others = await otherForms(tx, tokens);
    return tokens.map((token, i) => {
      const persons = vocabulary.find((v) => v.token === token)?.persons ?? 0;
      const typos = vocabulary.filter((v) => isTypoOf(token, persons, neighbour(v)));
      const { nicknames, transliterations } = others[i];
      return {
        typos: typos.map((v) => v.token), nicknames, transliterations,
        codes: [...new Set([...codes[i], ...typos.flatMap((v) => v.codes), ...others[i].codes])],
      };
    });
  }

  /**
   * Blocking as measured in shared/notes: pair keys (GIN) or the same or a close date of birth (btree) with one code
   * in common. Rows whose spelling cannot reach the threshold even with every token agreeing are dropped here, not
   * fetched; a close date scores as an unknown one (person-tier-rules.ts). The spelling is the folded names' trigram;
   * for a name from a script without short vowels (`script`) also the skeleton names' (person-skeletons.ts); and a row
   * carrying one of the query's other forms (`formTokens`: typo neighbours, nicknames, other transliterations) is kept
   * for the score to weigh once those forms are written alike (names/aligned-spelling.ts), unless the query is a script
   * name, cut on the skeletons' similarity alone.
   *
   * At most `candidateCap` rows are read, ranked in SQL: those born the same or a close day (the few a DOB can make
   * PROBABLE or CONFIRMED) first, then by spelling (a row carrying another form ranks as if at the cut-off), so a common name
   * cannot make a probe hand thousands of namesakes to Node; above the cap the name is ambiguous anyway.
   */
  private async candidates(
    tx: EntityManager, person: PersonKey, codes: string[][], excludeCaseId: string | null, script: boolean, formTokens: string[],
  ): Promise<PersonRow[]> {
    const bound = (dob: DobRelation) => minTrigramFor(dob, this.threshold);
    const close = person.dateOfBirth === null ? [] : closeDobs(person.dateOfBirth);
    const skeleton = personSkeleton(person.fullName);
    const params: unknown[] = [person.folded, person.dateOfBirth, excludeCaseId, bound('UNKNOWN'), bound('EQUAL'), close, skeleton.name, formTokens];
    const spelling = script ? 'greatest(similarity(p.folded_name, $1), similarity(p.skeleton_name, $7))' : 'similarity(p.folded_name, $1)';
    // A script name's other forms are its Latin spellings, which the skeletons already write alike: it is cut on them
    // here, not kept for Node to score every row carrying one of the many spellings of "Muhammad".
    const passes = (min: string) => (script ? `${spelling} >= ${min}` : `(${spelling} >= ${min} OR p.tokens && $8::text[])`);
    return query<PersonRow>(tx,
      `SELECT coalesce(p.subject_id, p.id) AS item_id, p.name_form, p.case_id, p.lookout_id, p.seizure_id, p.agency, p.full_name AS display_value,
              p.date_of_birth::text AS dob, p.tokens, p.token_codes, similarity(p.folded_name, $1) AS trigram,
              similarity(p.skeleton_name, $7) AS skeleton_trigram
       FROM person_keys p
       WHERE ${this.blocking(person, codes, params, script ? skeleton.pairs : null)} AND p.case_id IS DISTINCT FROM $3
         AND (p.expires_at IS NULL OR p.expires_at > now())
         AND CASE WHEN $2::date IS NULL OR p.date_of_birth IS NULL THEN ${passes('$4::float8')}
                  WHEN p.date_of_birth = $2::date THEN ${passes('$5::float8')}
                  WHEN p.date_of_birth = ANY($6::date[]) THEN ${passes('$4::float8')}
                  ELSE false END
       ORDER BY (p.date_of_birth = $2::date OR p.date_of_birth = ANY($6::date[])) IS NOT TRUE, greatest(${spelling}, CASE WHEN p.tokens && $8::text[] THEN $4::float8 ELSE 0 END) DESC, p.id
       LIMIT ${Number(this.candidateCap)}`,
      params,
    );
  }

  /**
   * Without a date of birth in the query every pair-key candidate is in play. With one, a stored person born on a day
   * neither equal nor close is no match whatever the names (issue 16), so only those without a DOB are looked up by
   * pair keys (a partial GIN index) and those born the same or a close day by the DOB btree: "José García" born
   * 1973-01-06 reads a few hundred rows instead of every José García. A name written in another script is looked up
   * by its skeleton pairs (`skeletonPairs`) instead of pair keys; a one-word name (a moniker), which has no pair, by
   * its codes among the stored one-word names (a partial GIN index). Appends its parameters to `params`.
   */
  private blocking(person: PersonKey, codes: string[][], params: unknown[], skeletonPairs: string[] | null): string {
    const byName = skeletonPairs === null
      ? `p.pair_keys && $${params.push(pairKeys(blockingCodes(person.tokens, codes)))}::text[]`
      : `p.skeleton_pairs && $${params.push(skeletonPairs)}::text[]`;
    // Every parameter pushed must be used in the text (PostgreSQL cannot type an unused one).
    const oneWordOnly = codes.length === 1 && person.dateOfBirth === null;
    const allCodes = codes.length === 1 || person.dateOfBirth !== null ? `$${params.push([...new Set(codes.flat())])}::text[]` : '';
    const oneWord = codes.length === 1 ? ` OR (cardinality(p.tokens) = 1 AND p.codes && ${allCodes})` : '';
    if (person.dateOfBirth === null) return oneWordOnly ? `(${byName}${oneWord})` : byName;
    const days = `$${params.push([person.dateOfBirth, ...closeDobs(person.dateOfBirth)])}::date[]`;
    const sameOrClose = `(p.date_of_birth = ANY(${days}) AND p.codes && ${allCodes})`;
    const undated = oneWord ? `(${byName} OR (cardinality(p.tokens) = 1 AND p.codes && ${allCodes}))` : byName;
    return `((p.date_of_birth IS NULL AND ${undated}) OR ${sameOrClose})`;
  }
}

/**
 * Seizures whose arrestees this pass may meet: any, except those recorded under the querying case (its own arrests are
 * no conflict), as for seized serials.
 */
async function watchedSeizures(tx: EntityManager, seizureIds: string[], excludeCaseId: string | null): Promise<Set<string | null>> {
  if (seizureIds.length === 0) return new Set();
  const rows = await query<{ id: string }>(tx,
    `SELECT id FROM seizures WHERE id = ANY($1::uuid[]) AND case_id IS DISTINCT FROM $2`, [[...new Set(seizureIds)], excludeCaseId]);
  return new Set(rows.map((r) => r.id));
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

/** A name as entered with letters of a script other than Latin (Arabic, Cyrillic): it was matched transliterated. */
const OTHER_SCRIPT = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;
