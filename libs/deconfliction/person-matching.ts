import type { EntityManager } from 'typeorm';
import { query } from '../db/sql';
import type { PersonKey } from './match-keys';
import { storedForm } from './name-forms';
import { CandidateLookup, PersonCandidates, PersonRow, RareSpellings } from './person-candidates';
import { countStoredPersons, ExactNorm, sharedStrongIdentifiers, tokenFrequencies, TokenFrequencies } from './person-evidence';
import { QueryVocabulary, readQueryVocabulary, VocabularyRow } from './person-vocabulary';
import { personSkeleton } from './person-skeletons';
import { alignedSimilarity } from './names/aligned-spelling';
import { isVowelless, nameFormKeys } from './names/name-form-keys';
import { MatchedForm, mayMatch, PersonTier, personTier, PersonTierSettings, rareSpellingCutoff } from './person-tier-rules';
import {
  agreementOf, alignTokenPairs, BLOCKING_PARTICLES, isTypoOf, NameTokens, personPairKeys,
  SpellingNeighbour, spellingVariants,
} from './person-tokens';

export type { StoredSideRow } from './person-candidates';

/** A stored person the tier rules graded: its row (ids, agency, display value), its tier, score and reason. */
export interface PersonCandidate { row: PersonRow; tier: PersonTier & { tier: NonNullable<PersonTier['tier']> } }

/**
 * How a check reads a common name (PersonCandidates.crowd): PERSON_CHECK_COUNT_CAP, where it stops reading namesakes,
 * and PERSON_POSSIBLE_MAX, past which they are one count.
 */
export interface CrowdCheck { countCap: number; possibleMax: number }

/**
 * A probe's graded candidates. `countStopped`: a check stopped reading a common name's namesakes at PERSON_CHECK_COUNT_CAP
 * with more than PERSON_POSSIBLE_MAX of them POSSIBLE already, so its POSSIBLE candidates are some of them, not all.
 */
export interface PersonProbe { candidates: PersonCandidate[]; countStopped: boolean }

/** What grading a probe's rows needs besides the rows. `known`: token counts read before the rows. */
interface Grading {
  person: PersonKey; codes: string[][]; expanded: ExpandedToken[]; script: boolean; excludeCaseId: string | null; ownKeys: ExactNorm[];
  withSeizures: boolean; known: TokenFrequencies | null;
}

/**
 * One query token's typo neighbours, nicknames and other transliterations, and the phonetic codes it is blocked on
 * (its own and theirs).
 */
interface ExpandedToken { typos: string[]; nicknames: string[]; transliterations: string[]; codes: string[] }

const joinCodes = (codes: string[]) => codes.join(' ');

/** How much longer each further read of a check's crowd is than the last (PersonMatching.crowdPages). */
const PAGE_GROWTH = 5;

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
  private readonly reader: PersonCandidates;
  private readonly candidateCap: number;

  /**
   * `candidateCap`: most stored persons one probe reads and scores (PERSON_CANDIDATE_CAP, PersonCandidates.all);
   * `rareSpellingsIndexedMax`: PERSON_RARE_SPELLINGS_INDEXED_MAX (PersonCandidates.crowd).
   */
  constructor(threshold: number, rareNameMinWeight: number, candidateCap: number, rareSpellingsIndexedMax: number) {
    this.settings = { matchThreshold: threshold, rareNameMinWeight };
    this.reader = new PersonCandidates(threshold, candidateCap, rareSpellingsIndexedMax);
    this.candidateCap = candidateCap;
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
   * Seizures' arrestees are met only when `withSeizures` (a case's pass), as seized serials are. `given`: the person's
   * codes per token, read before a pass's locks; null for a check, which takes no lock: they are read with the rest of
   * the query's vocabulary.
   */
  async probe(
    tx: EntityManager, person: PersonKey, given: string[][] | null, excludeCaseId: string | null, ownKeys: ExactNorm[] = [],
    withSeizures = false, crowd: CrowdCheck | null = null,
  ): Promise<PersonProbe> {
    const none: PersonProbe = { candidates: [], countStopped: false };
    // A name without a phonetic code is blocked on nothing: no statement for it.
    if (given?.every((c) => c.length === 0)) return none;
    const vocabulary = await readQueryVocabulary(tx, person.tokens, person.folded);
    const codes = given ?? vocabulary.codes;
    if (codes.every((c) => c.length === 0)) return none;
    const expanded = expandTokens(person.tokens, codes, vocabulary);
    // A token without vowels was written in Arabic script (or the like): its spelling is compared on consonants.
    // The article and "ibn" have no vowel after their first letter either: they make no name a script one.
    const script = person.tokens.some((t) => isVowelless(t) && !BLOCKING_PARTICLES.has(t));
    const formTokens = [...new Set(expanded.flatMap((e) => [...e.typos, ...e.nicknames, ...e.transliterations]))];
    const lookup: CandidateLookup = {
      person, codes: expanded.map((e) => e.codes), ownCodes: [...new Set(codes.flat())], excludeCaseId, script, formTokens, trigrams: vocabulary.trigrams,
    };
    const grading: Grading = { person, codes, expanded, script, excludeCaseId, ownKeys, withSeizures, known: vocabulary.known };
    if (crowd !== null && !withSeizures) {
      const counted = await this.counted(tx, grading, vocabulary.known, lookup, crowd);
      if (counted !== null) return counted;
    }
    return { candidates: await this.grade(tx, grading, await this.reader.all(tx, lookup)), countStopped: false };
  }

  /**
   * A check: the persons a DOB, an identifier or a rare spelling may decide (rareSpellings: "Jamse" or "Pepito"
   * themselves, not the James or José a namesake agrees through, which cannot make one PROBABLE without a DOB) and at
   * most PERSON_CHECK_COUNT_CAP + 1 of the others are read and graded (person-candidates.ts crowd). Fewer others than
   * that is every candidate, as `all` reads them. More, with more than `possibleMax` of them POSSIBLE, is a name the
   * check answers as one count (check-collapse.ts), "at least" as many as were graded. With fewer POSSIBLE (spellings
   * that passed in SQL but names that do not agree: "Margarita Juancho Domínguez" meets every Juan Díaz, Juan a
   * nickname of Juancho and Díaz sounding like Daisy, one of Margarita) the count is not settled, and the check reads
   * further into the same crowd (crowdPages) rather than grade every candidate ranked, as a case pass does (`all`,
   * which read 17,867 rows for that name at 10M persons).
   */
  private async counted(
    tx: EntityManager, grading: Grading, known: TokenFrequencies, lookup: CandidateLookup, crowd: CrowdCheck,
  ): Promise<PersonProbe | null> {
    const count = (token: string) => known.persons.get(token) ?? 0;
    const family = familyCounts(grading.person, grading.expanded, count);
    const cutoff = rareSpellingCutoff(family, known.total, this.settings.rareNameMinWeight);
    const tokens = rareSpellings(grading.person, grading.expanded, family, count, cutoff);
    const rare: RareSpellings = { tokens, persons: tokens.reduce((n, t) => n + count(t), 0) };
    const read = await this.reader.crowd(tx, lookup, grading.ownKeys, crowd.countCap, rare);
    const candidates = await this.grade(tx, grading, [...read.decisive, ...read.crowd]);
    if (read.crowd.length <= crowd.countCap) return { candidates, countStopped: false };
    return this.crowdPages(tx, grading, { lookup, rare, crowd }, { candidates, crowd: read.crowd });
  }

  /**
   * Reads a crowd further, each read PAGE_GROWTH times longer than the last (grading only the rows it had not), until
   * more than `possibleMax` of its rows are POSSIBLE ("at least" that many), or it ends (every candidate, as `all`
   * would grade them), or it passes PERSON_CANDIDATE_CAP rows still unsettled: null, and the probe grades `all` ranked,
   * as a case pass does. A name whose first rows are mostly namesakes through a nickname is settled a few hundred rows
   * later instead of after every one of them is read and sorted.
   */
  private async crowdPages(
    tx: EntityManager, grading: Grading, { lookup, rare, crowd }: { lookup: CandidateLookup; rare: RareSpellings; crowd: CrowdCheck },
    first: { candidates: PersonCandidate[]; crowd: PersonRow[] },
  ): Promise<PersonProbe | null> {
    let { candidates } = first;
    const read = new Set(first.crowd.map((r) => r.row_id));
    const counted = new Set(first.crowd.map((r) => r.item_id));
    for (let limit = first.crowd.length; ;) {
      const possible = new Set(candidates.filter((c) => c.tier.tier === 'POSSIBLE' && counted.has(c.row.item_id)).map((c) => c.row.item_id));
      if (possible.size > crowd.possibleMax) return { candidates, countStopped: true };
      if (read.size > this.candidateCap) return null;
      limit = Math.min(limit * PAGE_GROWTH, this.candidateCap + 1);
      const { fresh, size } = await this.reader.crowdPage(tx, lookup, grading.ownKeys, limit, rare, read);
      fresh.forEach((r) => { read.add(r.row_id); counted.add(r.item_id); });
      candidates = [...candidates, ...await this.grade(tx, grading, fresh)];
      if (size < limit) return { candidates, countStopped: false };
    }
  }

  /**
   * The tier of each live row (issue 16). `grading.known`: token counts already read (the query's own tokens), so only
   * the stored rows' other tokens are counted here.
   */
  private async grade(tx: EntityManager, grading: Grading, rows: PersonRow[]): Promise<PersonCandidate[]> {
    const { person, expanded, script, excludeCaseId, ownKeys, withSeizures } = grading;
    const own: NameTokens = {
      tokens: person.tokens, codes: grading.codes, typos: expanded.map((e) => e.typos), nicknames: expanded.map((e) => e.nicknames),
      transliterations: expanded.map((e) => e.transliterations),
    };
    const watched = withSeizures ? await watchedSeizures(tx, rows.flatMap((r) => (r.seizure_id ? [r.seizure_id] : [])), excludeCaseId) : new Set();
    // A lookout's person (issue 17) is live until it expires or is cancelled (the query reads only those).
    const isLive = (r: PersonRow) => (r.case_id !== null ? r.open_case : r.seizure_id ? watched.has(r.seizure_id) : true);
    // The names and dates first: what fails them is no match whatever the counts and identifiers the other rules weigh,
    // which are then read for the few that pass (a common name's thousands of candidates are mostly no match).
    const live = rows.filter(isLive).flatMap((row) => {
      const pairs = alignTokenPairs(own, storedTokens(row));
      // Spelling evidence: the folded names' trigram, the skeletons' for a script name, or the trigram once the tokens
      // that agreed as another form of the same name are written alike (names/aligned-spelling.ts).
      const trigram = Math.max(Number(row.trigram), script ? Number(row.skeleton_trigram) : 0, alignedSimilarity(person.tokens, row.tokens, pairs));
      const name = { trigram, agreement: agreementOf(pairs), queryTokens: person.tokens.length, storedTokens: row.tokens.length };
      return mayMatch(name, person.dateOfBirth, row.dob, this.settings) ? [{ row, pairs, name }] : [];
    });
    if (live.length === 0) return [];
    const frequencies = await tokenFrequenciesBeyond(tx, grading.known, [...queryTokens(person, expanded), ...live.flatMap((c) => c.row.tokens)]);
    // A seizure's arrestee shares what the seizure recorded (its seized serials): its owner is the seizure.
    const ownerOf = (r: PersonRow) => r.case_id ?? r.seizure_id ?? null;
    const shared = await sharedStrongIdentifiers(tx, excludeCaseId, ownKeys, live.flatMap((c) => ownerOf(c.row) ?? []));
    const count = (token: string) => frequencies.persons.get(token) ?? 0;
    const family = familyCounts(person, expanded, count);
    const otherScript = OTHER_SCRIPT.test(person.fullName);
    return live.flatMap(({ row, pairs, name }) => {
      const tier = personTier({
        name, queryDob: person.dateOfBirth, storedDob: row.dob, sharedIdentifier: shared.get(ownerOf(row) ?? '') ?? null,
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
}

/**
 * Each query token's typo neighbours (stored spellings one edit away: they share a one-letter-deleted form, kept when one
 * side is rare), nicknames and other transliterations, with the codes it is blocked on, from the vocabulary read after
 * a pass's locks: a concurrent pass storing such a spelling shares a `person-spelling` lock with this one (lockNamesFor),
 * so its tokens are committed and counted by then; nicknames and other transliterations likewise (person-name-forms.ts,
 * otherFormLockNames).
 */
function expandTokens(tokens: string[], codes: string[][], { neighbours, forms }: QueryVocabulary): ExpandedToken[] {
  return tokens.map((token, i) => {
    const persons = neighbours.find((v) => v.token === token)?.persons ?? 0;
    const typos = neighbours.filter((v) => isTypoOf(token, persons, neighbour(v)));
    const { nicknames, transliterations } = forms[i];
    return {
      typos: typos.map((v) => v.token), nicknames, transliterations,
      codes: [...new Set([...codes[i], ...typos.flatMap((v) => v.codes), ...forms[i].codes])],
    };
  });
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

/** The query's tokens and their other transliterations, whose counts make the name's family counts. */
const queryTokens = (person: PersonKey, expanded: ExpandedToken[]) => [...person.tokens, ...expanded.flatMap((e) => e.transliterations)];

/** A transliterated name is as common as all its spellings together: "Yousif" is rare as written, Yusuf is not. */
function familyCounts(person: PersonKey, expanded: ExpandedToken[], count: (token: string) => number): number[] {
  return person.tokens.map((t, i) => expanded[i].transliterations.filter((x) => x !== t).reduce((n, x) => n + count(x), count(t)));
}

/**
 * The spellings through which a stored person may weigh above the rare bar with a DOB unknown on one side: each query
 * token's own, its typos' and its nicknames', where the pair (as common as its commoner spelling) is carried by fewer
 * than `cutoff` persons (person-tier-rules.ts rareSpellingCutoff). None when the name is too common for any.
 */
function rareSpellings(
  person: PersonKey, expanded: ExpandedToken[], family: number[], count: (token: string) => number, cutoff: number,
): string[] {
  const spellings = person.tokens.flatMap((token, i) => [token, ...expanded[i].typos, ...expanded[i].nicknames]
    .filter((spelling) => Math.max(1, family[i], count(spelling)) < cutoff));
  return [...new Set(spellings)];
}

/** Token counts of `tokens`, reading only those `known` lacks. */
async function tokenFrequenciesBeyond(tx: EntityManager, known: TokenFrequencies | null, tokens: string[]): Promise<TokenFrequencies> {
  if (known === null) return tokenFrequencies(tx, tokens);
  const missing = tokens.filter((t) => !known.persons.has(t));
  if (missing.length === 0) return known;
  const more = await tokenFrequencies(tx, missing);
  return { persons: new Map([...known.persons, ...more.persons]), total: known.total };
}

const neighbour = (v: VocabularyRow): SpellingNeighbour => ({ token: v.token, persons: Number(v.persons) });

const storedTokens = (r: PersonRow): NameTokens => ({
  tokens: r.tokens,
  codes: r.token_codes.map((c) => c.split(' ').filter((code) => code.length > 0)),
});

/** A name as entered with letters of a script other than Latin (Arabic, Cyrillic): it was matched transliterated. */
const OTHER_SCRIPT = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;
