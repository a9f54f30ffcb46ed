import type { EntityManager } from 'typeorm';
import { query, queryPrepared } from '../db/sql';
import {
  DeconflictionConfig, ORGANIZATION_DISTINCTIVE_THRESHOLD_DEFAULT, PERSON_CANDIDATE_CAP_DEFAULT, PERSON_CHECK_COUNT_CAP_DEFAULT,
  PERSON_RARE_SPELLINGS_INDEXED_MAX_DEFAULT, PERSON_TIER_DEFAULTS, PersonTierConfig,
} from '../config/config';
import type { EventKey, ExactKey, ItemKeys, MatchType, PersonKey } from './match-keys';
import { lockNamesFor, personItemId, serialSubstrings } from './match-keys';
import { formOf, gradeForms, storedForm, TIER_RANK, withFormsReason } from './name-forms';
import { otherFormLockNames } from './person-name-forms';
import { CrowdCheck, PersonMatching, StoredSideRow } from './person-matching';
import type { PersonMatchTier } from './person-tier-rules';
import type { NameForm } from '../contracts/case-items';
import { organizationMatch } from './organization-rules';
import { regionRelation, scoreEvent, scoreExact, scorePartialSerial, Scored } from './scoring';

export const MAX_OPERATION_RADIUS_METERS = 50_000;

/** The stored side of a match: a case item, a lookout, or a seized firearm (its seizure). */
export interface MatchedSide {
  caseId: string | null; lookoutId: string | null; seizureId?: string | null; agency: string; itemId: string; value: string;
  /** Person and organization matches: which of the stored subject's names met (name-forms.ts). */
  nameForm?: NameForm;
}

export interface Match extends Scored {
  matchType: MatchType;
  /** Person matches: how far the match may be trusted (issue 16), and the reason in Spanish. */
  tier?: PersonMatchTier;
  reasonEs?: string;
  /**
   * A check's POSSIBLE person match of a common name whose namesakes it stopped reading at PERSON_CHECK_COUNT_CAP
   * (person-matching.ts PersonProbe): check-collapse.ts counts "at least" them.
   */
  countStopped?: boolean;
  /** A serial met through a readable part of an obliterated one, either side's: a crowd of them collapses (serial-collapse.ts). */
  partialSerial?: boolean;
  own: { itemId: string; value: string; nameForm?: NameForm };
  other: MatchedSide;
  urgent: boolean;
}

/** Who owns the keys being stored: a case, a lookout, or a seizure (its seized serials, libs/deconfliction/seizure-watch.ts). */
export interface KeyOwner {
  caseId: string | null; lookoutId: string | null; seizureId?: string | null; agency: string; expiresAt: Date | null;
}

/**
 * Which stored owners a probe may meet besides cases and lookouts. Seizures are met by cases only: a check stays as it
 * was, and a seizure does not meet other seizures (nor its own serials on a second pass). `countCrowds`: a check, which
 * answers a common name's namesakes as one count, may count them rather than grade each (PersonMatching.probe).
 */
export interface ProbeTargets { seizures: boolean; countCrowds?: boolean }
const CASES_AND_LOOKOUTS: ProbeTargets = { seizures: false };

/** Per person id, the phonetic codes of each of its tokens (parallel to PersonKey.tokens; may be empty). */
export type PersonCodes = Map<string, string[][]>;

interface ExactRow extends StoredSideRow { ord: number | string; region: string | null }
interface SerialRow extends StoredSideRow { norm: string }
interface OrganizationRow extends StoredSideRow { sim: number | string; name_form: string | null; norm: string }
interface EventRow extends StoredSideRow { radius_meters: number; distance: number | string; overlap: number | string }

/**
 * Every case value is stored under its matching keys and probed against everyone else's, in PostgreSQL. Callers run
 * `lock`, `probe` and `store` in one transaction: the advisory locks make two transactions that could match each
 * other run one after the other, so neither misses the other's row.
 */
export class MatchingRepository {
  private readonly persons: PersonMatching;
  private readonly crowdCheck: CrowdCheck;

  constructor(private readonly config: DeconflictionConfig & Partial<PersonTierConfig>) {
    this.persons = new PersonMatching(
      config.personMatchThreshold, config.personRareNameMinWeight ?? PERSON_TIER_DEFAULTS.personRareNameMinWeight,
      config.personCandidateCap ?? PERSON_CANDIDATE_CAP_DEFAULT,
      config.personRareSpellingsIndexedMax ?? PERSON_RARE_SPELLINGS_INDEXED_MAX_DEFAULT,
    );
    this.crowdCheck = {
      countCap: config.personCheckCountCap ?? PERSON_CHECK_COUNT_CAP_DEFAULT,
      possibleMax: config.personPossibleMax ?? PERSON_TIER_DEFAULTS.personPossibleMax,
    };
  }

  /**
   * Double-metaphone codes (primary and alternate) per name token, parallel to the person's tokens (a token without
   * a code has none), computed by the migration's person_token_codes so stored and backfilled rows agree.
   */
  async personCodes(tx: EntityManager, persons: PersonKey[]): Promise<PersonCodes> {
    const tokens = [...new Set(persons.flatMap((p) => p.tokens))];
    const codes = new Map<string, string[]>();
    if (tokens.length > 0) {
      const rows = await query<{ t: string; codes: string[] }>(tx,
        'SELECT t, person_token_codes(t) AS codes FROM unnest($1::text[]) AS t', [tokens],
      );
      for (const r of rows) codes.set(r.t, r.codes);
    }
    return new Map(persons.map((p) => [p.id, p.tokens.map((t) => codes.get(t) ?? [])]));
  }

  async lock(tx: EntityManager, keys: ItemKeys, codes: PersonCodes): Promise<void> {
    const personCodes = [...codes.values()].flat(2);
    const names = [
      ...lockNamesFor(keys, personCodes, MAX_OPERATION_RADIUS_METERS, this.config.serialMinReadable),
      ...await otherFormLockNames(tx, [...new Set(keys.persons.flatMap((p) => p.tokens))]),
    ];
    if (names.length === 0) return;
    await tx.query(
      `SELECT count(pg_advisory_xact_lock(k)) FROM (
         SELECT DISTINCT hashtextextended(n, 7240002) AS k FROM unnest($1::text[]) AS n ORDER BY 1) AS ordered`,
      [names],
    );
  }

  /** Writes the keys (ids are fixed by the items, so a retry writes nothing twice). */
  async store(tx: EntityManager, owner: KeyOwner, keys: ItemKeys, codes: PersonCodes, at: Date): Promise<void> {
    if (keys.exact.length > 0) {
      await tx.query(
        `INSERT INTO match_keys (id, item_id, case_id, lookout_id, agency, match_type, norm, partial, region,
                                 display_value, expires_at, created_at, seizure_id, name_form)
         SELECT k.id, k.item_id, $1, $2, $3, k.match_type, k.norm, k.partial, k.region, k.display_value, $4, $5, $13, k.name_form
         FROM unnest($6::uuid[], $7::uuid[], $8::text[], $9::text[], $10::boolean[], $11::text[], $12::text[], $14::text[])
           AS k(id, item_id, match_type, norm, partial, region, display_value, name_form)
         ON CONFLICT (id) DO NOTHING`,
        [owner.caseId, owner.lookoutId, owner.agency, owner.expiresAt, at,
          keys.exact.map((k) => k.id), keys.exact.map((k) => k.itemId), keys.exact.map((k) => k.matchType),
          keys.exact.map((k) => k.norm), keys.exact.map((k) => k.partial), keys.exact.map((k) => k.region),
          keys.exact.map((k) => k.displayValue), owner.seizureId ?? null, keys.exact.map((k) => storedForm(k.form))],
      );
    }
    // Persons belong to a case, to a seizure (its arrestees) or to a person lookout (issue 17, expiring with it).
    if (owner.caseId !== null || owner.seizureId || owner.lookoutId) await this.persons.storeAll(tx, owner, keys.persons, codes, at);
    if (owner.caseId === null) return;
    for (const e of keys.events) {
      await tx.query(
        `INSERT INTO event_keys (id, case_id, agency, operation_type, center, radius_meters, during, display_value, created_at)
         VALUES ($1, $2, $3, $4, ll_to_earth($5, $6), $7, tstzrange($8, $9, '[]'), $10, $11) ON CONFLICT (id) DO NOTHING`,
        [e.id, owner.caseId, owner.agency, e.operationType, e.latitude, e.longitude, e.radiusMeters, e.startsAt, e.endsAt,
          e.displayValue, at],
      );
    }
  }

  /**
   * Everything already stored that matches these keys, other than the excluded case's own values (and the seizures
   * recorded under it) and closed cases. Seized serials are met only when `targets` asks for them. `codes`: the
   * persons' codes as a pass read them for its locks (personCodes); null for a check, whose persons' codes are read
   * with each person's vocabulary (person-vocabulary.ts), one round trip less.
   */
  async probe(
    tx: EntityManager, keys: ItemKeys, codes: PersonCodes | null, excludeCaseId: string | null, targets: ProbeTargets = CASES_AND_LOOKOUTS,
  ): Promise<Match[]> {
    const matches: Match[] = [];
    const exact = keys.exact.filter((k) => k.matchType !== 'ORGANIZATION' && !k.partial);
    matches.push(...await this.probeExact(tx, exact, excludeCaseId, targets));
    for (const key of keys.exact.filter((k) => k.matchType === 'FIREARM_SERIAL')) {
      matches.push(...await this.probeSerialParts(tx, key, excludeCaseId, targets));
    }
    for (const key of keys.exact.filter((k) => k.matchType === 'ORGANIZATION')) {
      matches.push(...await this.probeOrganization(tx, key, excludeCaseId));
    }
    const ownKeys = keys.exact.filter((k) => !k.partial);
    for (const person of keys.persons) {
      const found = await this.persons.probe(tx, person, codes === null ? null : codes.get(person.id) ?? [], excludeCaseId, ownKeys, targets.seizures,
        targets.countCrowds ? this.crowdCheck : null);
      matches.push(...found.candidates.map((c) => {
        // Which names met, and a moniker's cap (name-forms.ts), over the tier rules' grade.
        const graded = gradeForms(c.tier.tier, c.tier.reason, person.form ?? 'LEGAL', formOf(c.row.name_form));
        const own = { itemId: personItemId(person), displayValue: person.fullName, form: person.form };
        const stopped = found.countStopped && graded.tier === 'POSSIBLE' ? { countStopped: true } : {};
        return { ...matchOf('PERSON', own, c.row, { score: c.tier.score, reason: graded.reason.en }), tier: graded.tier, reasonEs: graded.reason.es, ...stopped };
      }));
    }
    for (const event of keys.events) matches.push(...await this.probeEvent(tx, event, excludeCaseId));
    return dedupe(matches);
  }

  /** In the order of the keys (the values' order): a check's notices list what it met in that order. */
  private async probeExact(tx: EntityManager, keys: ExactKey[], excludeCaseId: string | null, targets: ProbeTargets): Promise<Match[]> {
    if (keys.length === 0) return [];
    const rows = await query<ExactRow>(tx,
      `SELECT q.ord, k.case_id, k.lookout_id, k.seizure_id, k.agency, k.item_id, k.display_value, k.region
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(match_type, norm, ord)
       JOIN match_keys k ON k.match_type = q.match_type AND k.norm = q.norm AND NOT k.partial
       WHERE ${liveSide(3, targets)}
       ORDER BY q.ord`,
      [keys.map((k) => k.matchType), keys.map((k) => k.norm), excludeCaseId],
    );
    return rows.flatMap((r) => {
      const key = keys[Number(r.ord) - 1];
      const region = regionRelation(key.region, r.region ?? null, key.matchType === 'VEHICLE_PLATE');
      const scored = scoreExact(key.matchType, region);
      return scored ? [matchOf(key.matchType, key, r, scored)] : [];
    });
  }

  /**
   * A readable part meets every serial containing it (trigram index serves the LIKE); a full serial meets the stored
   * readable parts it contains (exact lookups on its substrings).
   */
  private async probeSerialParts(tx: EntityManager, key: ExactKey, excludeCaseId: string | null, targets: ProbeTargets): Promise<Match[]> {
    const substrings = serialSubstrings(key.norm, this.config.serialMinReadable);
    const rows = await query<SerialRow>(tx,
      `SELECT k.case_id, k.lookout_id, k.seizure_id, k.agency, k.item_id, k.display_value, k.norm
       FROM match_keys k
       WHERE k.match_type = 'FIREARM_SERIAL'
         AND ((k.partial AND k.norm = ANY($1::text[])) OR ($2::boolean AND k.norm LIKE '%' || $3 || '%'))
         AND ${liveSide(4, targets)}`,
      [substrings, key.partial, key.norm, excludeCaseId],
    );
    return rows.map((r) => {
      const [readable, other] = key.partial ? [key.norm, r.norm] : [r.norm, key.norm];
      return { ...matchOf('FIREARM_SERIAL', key, r, scorePartialSerial(readable, other)), partialSerial: true };
    });
  }

  /**
   * The GIN index prunes on `%`, whose cut-off is pg_trgm.similarity_threshold (0.3 unless set): set to the configured
   * threshold, it returns only names that can match instead of every name sharing a few trigrams, and a threshold
   * under 0.3 misses nothing. Set for the connection, not the transaction: a check probes outside any transaction,
   * where a local setting would not last to the next statement. No other query uses `%`, and the value is always this.
   * The whole name's similarity only blocks: the words that tell two organizations apart must agree too
   * (organization-rules.ts), or two generic words make a hit of every "Comercializadora … Hermanos".
   */
  private async probeOrganization(tx: EntityManager, key: ExactKey, excludeCaseId: string | null): Promise<Match[]> {
    await tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, false)`, [String(this.config.organizationMatchThreshold)]);
    const rows = await query<OrganizationRow>(tx,
      `SELECT k.case_id, k.lookout_id, k.agency, k.item_id, k.display_value, k.name_form, k.norm, similarity(k.norm, $1) AS sim
       FROM match_keys k
       WHERE k.match_type = 'ORGANIZATION' AND k.norm % $1 AND similarity(k.norm, $1) >= $2
         AND ${liveSide(3, CASES_AND_LOOKOUTS)}`,
      [key.norm, this.config.organizationMatchThreshold, excludeCaseId],
    );
    const distinctive = this.config.organizationDistinctiveThreshold ?? ORGANIZATION_DISTINCTIVE_THRESHOLD_DEFAULT;
    return rows.flatMap((r) => {
      const scored = organizationMatch(key.norm, r.norm, Number(r.sim), distinctive);
      return scored === null ? [] : [matchOf('ORGANIZATION', key, r, withFormsReason(scored, key.form ?? 'LEGAL', formOf(r.name_form)))];
    });
  }

  /**
   * The measured plan: one GiST index on (start day, centre) serves the days an overlapping operation can start on
   * (from the query's start less the longest window stored, to its end) and, within each, the box around the centre
   * widened by the largest radius stored; the window overlap and the exact distance test then run on the few rows
   * inside (migration 1763900000046 says why the day comes first). The largest radius and the longest window are read
   * in the same statement (InitPlans, no round trip of their own), so with the same snapshot, taken after the locks: an
   * operation being stored by a pass that could conflict with this one is committed and counted by now (the lock cells
   * still assume the 50 km cap). With no operation stored both are null, and so are the box and the days: no row.
   * Touching areas and windows that share an instant count as conflicts (1 cm of tolerance for rounding). The longest
   * window is taken back in seconds: an interval of days would be taken back in the session's time zone, an hour short
   * across a change of summer time.
   *
   * Prepared (queryPrepared): planning it took 0.45-0.52 ms of an event check's 0.6 in PostgreSQL (bench:check-overhead,
   * BENCH_PG_STATEMENTS=1). Its generic plan reads by the same indexes as a plan for the values (the day-and-area GiST,
   * then the case by its key), because each test has the same form whatever the values; at 1,000,000 operations it ran
   * at p50 0.44-0.53 ms against 1.42-1.75 planned each time (200 stored operations as queries).
   */
  private async probeEvent(tx: EntityManager, event: EventKey, excludeCaseId: string | null): Promise<Match[]> {
    const rows = await queryPrepared<EventRow>(tx,
      `WITH q AS (SELECT ll_to_earth($1, $2) AS center, tstzrange($4, $5, '[]') AS during,
                         (SELECT max(radius_meters) FROM event_keys)::float8 AS widest,
                         (SELECT extract(epoch FROM max(upper(during) - lower(during))) FROM event_keys)::float8 AS longest)
       SELECT e.id AS item_id, e.case_id, NULL AS lookout_id, e.agency, e.display_value, e.radius_meters,
              earth_distance(e.center, q.center) AS distance,
              extract(epoch FROM least(upper(e.during), upper(q.during)) - greatest(lower(e.during), lower(q.during))) / 60 AS overlap
       FROM event_keys e, q
       WHERE epoch_day(lower(e.during)) BETWEEN epoch_day(lower(q.during) - make_interval(secs => q.longest)) AND epoch_day(upper(q.during))
         AND earth_box(q.center, $3 + q.widest) @> e.center AND e.during && q.during
         AND earth_distance(e.center, q.center) <= $3 + e.radius_meters + 0.01
         AND e.case_id IS DISTINCT FROM $6
         AND EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id AND c.status <> 'CLOSED')`,
      [event.latitude, event.longitude, event.radiusMeters, event.startsAt, event.endsAt, excludeCaseId],
    );
    return rows.map((r) => ({
      ...matchOf('EVENT', { itemId: event.id, displayValue: event.displayValue }, r, scoreEvent({
        distanceMeters: Number(r.distance), radiusA: event.radiusMeters, radiusB: Number(r.radius_meters),
        overlapMinutes: Number(r.overlap),
      })),
      urgent: true,
    }));
  }
}

/**
 * The stored side must be a lookout that has not expired, or a case other than the caller's that is not closed, or
 * (when asked for) a seizure not recorded under the caller's case: a seized gun stays on watch whatever becomes of
 * the seizing agency's own case.
 */
const liveSide = (excludedCaseParam: number, targets: ProbeTargets) => `(
  (k.lookout_id IS NOT NULL AND (k.expires_at IS NULL OR k.expires_at > now()))
  OR (k.case_id IS DISTINCT FROM $${excludedCaseParam}
      AND EXISTS (SELECT 1 FROM cases c WHERE c.id = k.case_id AND c.status <> 'CLOSED'))${targets.seizures ? `
  OR (k.seizure_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM seizures s WHERE s.id = k.seizure_id AND s.case_id = $${excludedCaseParam}))` : ''})`;

function matchOf(
  matchType: MatchType, own: { itemId: string; displayValue: string; form?: NameForm }, r: StoredSideRow & { name_form?: string | null },
  scored: Scored,
): Match {
  const named = matchType === 'PERSON' || matchType === 'ORGANIZATION';
  return {
    matchType, score: scored.score, reason: scored.reason, ...(scored.reasonEs ? { reasonEs: scored.reasonEs } : {}), urgent: false,
    own: { itemId: own.itemId, value: own.displayValue, ...(named ? { nameForm: own.form ?? 'LEGAL' } : {}) },
    other: {
      caseId: r.case_id ?? null, lookoutId: r.lookout_id ?? null, seizureId: r.seizure_id ?? null, agency: r.agency,
      itemId: r.item_id, value: r.display_value, ...(named ? { nameForm: formOf(r.name_form) } : {}),
    },
  };
}

/** One match per (own item, other item, type), the best-scored one. */
function dedupe(matches: Match[]): Match[] {
  const best = new Map<string, Match>();
  for (const m of matches) {
    const key = `${m.own.itemId}|${m.other.itemId}|${m.matchType}`;
    const seen = best.get(key);
    // A subject's several names may meet the other's: the most trusted tier wins, then the score (name-forms.ts).
    const rank = (x: Match) => (x.tier ? TIER_RANK[x.tier] : 0);
    if (!seen || rank(m) > rank(seen) || (rank(m) === rank(seen) && m.score > seen.score)) best.set(key, m);
  }
  return [...best.values()];
}
