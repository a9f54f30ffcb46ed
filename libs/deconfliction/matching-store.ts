import type { EntityManager } from 'typeorm';
import type { DeconflictionConfig } from '../config/config';
import type { EventKey, ExactKey, ItemKeys, MatchType, PersonKey } from './match-keys';
import { lockNamesFor, serialSubstrings } from './match-keys';
import {
  DobRelation, regionRelation, scoreEvent, scoreExact, scoreOrganization, scorePartialSerial, scorePerson, Scored,
} from './scoring';

export const MAX_OPERATION_RADIUS_METERS = 50_000;

/** The stored side of a match: a case item or a lookout. */
export interface MatchedSide { caseId: string | null; lookoutId: string | null; agency: string; itemId: string; value: string }

export interface Match extends Scored {
  matchType: MatchType;
  own: { itemId: string; value: string };
  other: MatchedSide;
  urgent: boolean;
}

/** Who owns the keys being stored: a case, or (for a lookout) nobody's case. */
export interface KeyOwner { caseId: string | null; lookoutId: string | null; agency: string; expiresAt: Date | null }

export type PersonCodes = Map<string, string[][]>;

type Row = Record<string, unknown>;
const text = (v: unknown) => String(v);

/**
 * Every case value is stored under its matching keys and probed against everyone else's, in PostgreSQL. Callers run
 * `lock`, `probe` and `store` in one transaction: the advisory locks make two transactions that could match each
 * other run one after the other, so neither misses the other's row.
 */
export class MatchingStore {
  constructor(private readonly config: DeconflictionConfig) {}

  /** Double-metaphone codes (primary and alternate) per name token, computed by fuzzystrmatch in the database. */
  async personCodes(tx: EntityManager, persons: PersonKey[]): Promise<PersonCodes> {
    const tokens = [...new Set(persons.flatMap((p) => p.tokens))];
    const codes = new Map<string, string[]>();
    if (tokens.length > 0) {
      const rows: { t: string; p: string; a: string }[] = await tx.query(
        'SELECT t, dmetaphone(t) AS p, dmetaphone_alt(t) AS a FROM unnest($1::text[]) AS t', [tokens],
      );
      for (const r of rows) codes.set(r.t, [...new Set([r.p, r.a].filter((c) => c))]);
    }
    return new Map(persons.map((p) => [p.id, p.tokens.map((t) => codes.get(t) ?? []).filter((c) => c.length > 0)]));
  }

  async lock(tx: EntityManager, keys: ItemKeys, codes: PersonCodes): Promise<void> {
    const personCodes = [...codes.values()].flat(2);
    const names = lockNamesFor(keys, personCodes, MAX_OPERATION_RADIUS_METERS, this.config.serialMinReadable);
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
                                 display_value, expires_at, created_at)
         SELECT k.id, k.item_id, $1, $2, $3, k.match_type, k.norm, k.partial, k.region, k.display_value, $4, $5
         FROM unnest($6::uuid[], $7::uuid[], $8::text[], $9::text[], $10::boolean[], $11::text[], $12::text[])
           AS k(id, item_id, match_type, norm, partial, region, display_value)
         ON CONFLICT (id) DO NOTHING`,
        [owner.caseId, owner.lookoutId, owner.agency, owner.expiresAt, at,
          keys.exact.map((k) => k.id), keys.exact.map((k) => k.itemId), keys.exact.map((k) => k.matchType),
          keys.exact.map((k) => k.norm), keys.exact.map((k) => k.partial), keys.exact.map((k) => k.region),
          keys.exact.map((k) => k.displayValue)],
      );
    }
    if (owner.caseId === null) return;
    for (const p of keys.persons) {
      await tx.query(
        `INSERT INTO person_keys (id, case_id, agency, full_name, folded_name, tokens, codes, date_of_birth, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
        [p.id, owner.caseId, owner.agency, p.fullName, p.folded, p.tokens, [...new Set((codes.get(p.id) ?? []).flat())],
          p.dateOfBirth, at],
      );
    }
    for (const e of keys.events) {
      await tx.query(
        `INSERT INTO event_keys (id, case_id, agency, operation_type, center, radius_meters, during, display_value, created_at)
         VALUES ($1, $2, $3, $4, ll_to_earth($5, $6), $7, tstzrange($8, $9, '[]'), $10, $11) ON CONFLICT (id) DO NOTHING`,
        [e.id, owner.caseId, owner.agency, e.operationType, e.latitude, e.longitude, e.radiusMeters, e.startsAt, e.endsAt,
          e.displayValue, at],
      );
    }
  }

  /** Everything already stored that matches these keys, other than the excluded case's own values and closed cases. */
  async probe(tx: EntityManager, keys: ItemKeys, codes: PersonCodes, excludeCaseId: string | null): Promise<Match[]> {
    const matches: Match[] = [];
    matches.push(...await this.probeExact(tx, keys.exact.filter((k) => k.matchType !== 'ORGANIZATION' && !k.partial), excludeCaseId));
    for (const key of keys.exact.filter((k) => k.matchType === 'FIREARM_SERIAL')) {
      matches.push(...await this.probeSerialParts(tx, key, excludeCaseId));
    }
    for (const key of keys.exact.filter((k) => k.matchType === 'ORGANIZATION')) {
      matches.push(...await this.probeOrganization(tx, key, excludeCaseId));
    }
    for (const person of keys.persons) matches.push(...await this.probePerson(tx, person, codes.get(person.id) ?? [], excludeCaseId));
    for (const event of keys.events) matches.push(...await this.probeEvent(tx, event, excludeCaseId));
    return dedupe(matches);
  }

  private async probeExact(tx: EntityManager, keys: ExactKey[], excludeCaseId: string | null): Promise<Match[]> {
    if (keys.length === 0) return [];
    const rows: Row[] = await tx.query(
      `SELECT q.ord, k.case_id, k.lookout_id, k.agency, k.item_id, k.display_value, k.region
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(match_type, norm, ord)
       JOIN match_keys k ON k.match_type = q.match_type AND k.norm = q.norm AND NOT k.partial
       WHERE ${liveSide(3)}`,
      [keys.map((k) => k.matchType), keys.map((k) => k.norm), excludeCaseId],
    );
    return rows.flatMap((r) => {
      const key = keys[Number(r.ord) - 1];
      const region = regionRelation(key.region, (r.region as string | null) ?? null, key.matchType === 'VEHICLE_PLATE');
      const scored = scoreExact(key.matchType, region);
      return scored ? [matchOf(key.matchType, key, r, scored)] : [];
    });
  }

  /**
   * A readable part meets every serial containing it (trigram index serves the LIKE); a full serial meets the stored
   * readable parts it contains (exact lookups on its substrings).
   */
  private async probeSerialParts(tx: EntityManager, key: ExactKey, excludeCaseId: string | null): Promise<Match[]> {
    const substrings = serialSubstrings(key.norm, this.config.serialMinReadable);
    const rows: Row[] = await tx.query(
      `SELECT k.case_id, k.lookout_id, k.agency, k.item_id, k.display_value, k.norm
       FROM match_keys k
       WHERE k.match_type = 'FIREARM_SERIAL'
         AND ((k.partial AND k.norm = ANY($1::text[])) OR ($2::boolean AND k.norm LIKE '%' || $3 || '%'))
         AND ${liveSide(4)}`,
      [substrings, key.partial, key.norm, excludeCaseId],
    );
    return rows.map((r) => {
      const [readable, other] = key.partial ? [key.norm, text(r.norm)] : [text(r.norm), key.norm];
      return matchOf('FIREARM_SERIAL', key, r, scorePartialSerial(readable, other));
    });
  }

  private async probeOrganization(tx: EntityManager, key: ExactKey, excludeCaseId: string | null): Promise<Match[]> {
    const rows: Row[] = await tx.query(
      `SELECT k.case_id, k.lookout_id, k.agency, k.item_id, k.display_value, similarity(k.norm, $1) AS sim
       FROM match_keys k
       WHERE k.match_type = 'ORGANIZATION' AND k.norm % $1 AND similarity(k.norm, $1) >= $2
         AND ${liveSide(3)}`,
      [key.norm, this.config.organizationMatchThreshold, excludeCaseId],
    );
    return rows.map((r) => matchOf('ORGANIZATION', key, r, scoreOrganization(Number(r.sim))));
  }

  /**
   * Blocking as measured in shared/notes: two phonetic codes in common (any two tokens), or one code and the same date
   * of birth; both are GIN/btree lookups. Candidates are then ranked by trigram similarity and phonetic agreement.
   */
  private async probePerson(tx: EntityManager, person: PersonKey, tokenCodes: string[][], excludeCaseId: string | null): Promise<Match[]> {
    const allCodes = [...new Set(tokenCodes.flat())];
    if (allCodes.length === 0) return [];
    const pairs = codePairs(tokenCodes);
    const params: unknown[] = [person.folded, person.tokens, person.dateOfBirth, allCodes, excludeCaseId];
    const pairSql = pairs.map(([a, b]) => {
      params.push(a, b);
      return `p.codes @> ARRAY[$${params.length - 1}, $${params.length}]::text[]`;
    });
    const blocking = [...pairSql, `(p.date_of_birth = $3::date AND p.codes && $4::text[])`].join(' OR ');
    const rows: Row[] = await tx.query(
      `SELECT p.id AS item_id, p.case_id, NULL AS lookout_id, p.agency, p.full_name AS display_value,
              p.date_of_birth::text AS dob, cardinality(p.tokens) AS stored_tokens,
              similarity(p.folded_name, $1) AS trigram,
              (SELECT count(*) FROM unnest($2::text[]) AS t WHERE dmetaphone(t) = ANY(p.codes) OR dmetaphone_alt(t) = ANY(p.codes)) AS agree_query,
              (SELECT count(*) FROM unnest(p.tokens) AS t WHERE dmetaphone(t) = ANY($4::text[]) OR dmetaphone_alt(t) = ANY($4::text[])) AS agree_stored
       FROM person_keys p JOIN cases c ON c.id = p.case_id
       WHERE (${blocking}) AND p.case_id IS DISTINCT FROM $5 AND c.status <> 'CLOSED'`,
      params,
    );
    const threshold = this.config.personMatchThreshold;
    return rows.flatMap((r) => {
      const storedTokens = Number(r.stored_tokens);
      const queryShorter = person.tokens.length <= storedTokens;
      const dob: DobRelation = person.dateOfBirth === null || r.dob === null ? 'UNKNOWN'
        : person.dateOfBirth === r.dob ? 'EQUAL' : 'DIFFERENT';
      const scored = scorePerson({
        trigram: Number(r.trigram), agreeingTokens: Number(queryShorter ? r.agree_query : r.agree_stored),
        queryTokens: person.tokens.length, storedTokens, dob,
      });
      return scored.score >= threshold
        ? [matchOf('PERSON', { itemId: person.id, displayValue: person.fullName }, r, scored)] : [];
    });
  }

  /**
   * The measured plan: the box around the centre widened by the largest radius any operation may have, and the
   * window overlap, both served by one GiST index; the exact distance test then runs on the few rows inside.
   * Touching areas and windows that share an instant count as conflicts (1 cm of tolerance for rounding).
   */
  private async probeEvent(tx: EntityManager, event: EventKey, excludeCaseId: string | null): Promise<Match[]> {
    const rows: Row[] = await tx.query(
      `WITH q AS (SELECT ll_to_earth($1, $2) AS center, tstzrange($4, $5, '[]') AS during)
       SELECT e.id AS item_id, e.case_id, NULL AS lookout_id, e.agency, e.display_value, e.radius_meters,
              earth_distance(e.center, q.center) AS distance,
              extract(epoch FROM least(upper(e.during), upper(q.during)) - greatest(lower(e.during), lower(q.during))) / 60 AS overlap
       FROM event_keys e JOIN cases c ON c.id = e.case_id, q
       WHERE earth_box(q.center, $3 + ${MAX_OPERATION_RADIUS_METERS}) @> e.center AND e.during && q.during
         AND earth_distance(e.center, q.center) <= $3 + e.radius_meters + 0.01
         AND e.case_id IS DISTINCT FROM $6 AND c.status <> 'CLOSED'`,
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

/** The stored side must be a lookout that has not expired, or a case other than the caller's that is not closed. */
const liveSide = (excludedCaseParam: number) => `(
  (k.lookout_id IS NOT NULL AND (k.expires_at IS NULL OR k.expires_at > now()))
  OR (k.case_id IS DISTINCT FROM $${excludedCaseParam}
      AND EXISTS (SELECT 1 FROM cases c WHERE c.id = k.case_id AND c.status <> 'CLOSED')))`;

function matchOf(matchType: MatchType, own: { itemId: string; displayValue: string }, r: Row, scored: Scored): Match {
  return {
    matchType, score: scored.score, reason: scored.reason, urgent: false,
    own: { itemId: own.itemId, value: own.displayValue },
    other: {
      caseId: (r.case_id as string | null) ?? null, lookoutId: (r.lookout_id as string | null) ?? null,
      agency: text(r.agency), itemId: text(r.item_id), value: text(r.display_value),
    },
  };
}

/** Pairs of codes taken from two different tokens: "two phonetic codes in common" means two tokens agree. */
export function codePairs(tokenCodes: string[][]): [string, string][] {
  const pairs = new Map<string, [string, string]>();
  for (let i = 0; i < tokenCodes.length; i += 1) {
    for (let j = i + 1; j < tokenCodes.length; j += 1) {
      for (const a of tokenCodes[i]) {
        for (const b of tokenCodes[j]) {
          if (a === b) continue;
          const pair: [string, string] = a < b ? [a, b] : [b, a];
          pairs.set(pair.join('|'), pair);
        }
      }
    }
  }
  return [...pairs.values()];
}

/** One match per (own item, other item, type), the best-scored one. */
function dedupe(matches: Match[]): Match[] {
  const best = new Map<string, Match>();
  for (const m of matches) {
    const key = `${m.own.itemId}|${m.other.itemId}|${m.matchType}`;
    const seen = best.get(key);
    if (!seen || m.score > seen.score) best.set(key, m);
  }
  return [...best.values()];
}
