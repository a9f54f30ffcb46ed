import type { EntityManager } from 'typeorm';
import { query, queryPrepared } from '../db/sql';
import type { StrongIdentifier } from './person-tier-rules';

/**
 * What a person tier reads besides the names and dates (issue 16): how many stored persons carry each token and in
 * all, and which strong identifier the two cases share. One statement each, whatever the number of candidates.
 */

export const STRONG_IDENTIFIERS: readonly StrongIdentifier[] = ['PHONE', 'EMAIL', 'VIN', 'VEHICLE_PLATE', 'FIREARM_SERIAL'];

export interface ExactNorm { matchType: string; norm: string }

export interface TokenFrequencies { persons: Map<string, number>; total: number }

const TOTAL_SLOTS = 16;

/**
 * The stored-person total: the counter's, or the planner's row estimate of person_keys when that is larger: rows loaded
 * in bulk (COPY, as bench:deconfliction loads its million persons) bypass the counter, and the estimate (exact after
 * ANALYZE) keeps their names from all reading as rare.
 */
export const PERSON_TOTAL_SQL = `greatest((SELECT coalesce(sum(persons), 0) FROM person_totals),
  (SELECT reltuples::bigint FROM pg_class WHERE oid = 'person_keys'::regclass))`;

/** Token counts and the stored-person total (PERSON_TOTAL_SQL); prepared once per connection (queryPrepared). */
export async function tokenFrequencies(tx: EntityManager, tokens: string[]): Promise<TokenFrequencies> {
  const rows = await queryPrepared<{ token: string | null; persons: string | number }>(tx,
    `SELECT token, persons FROM person_name_tokens WHERE token = ANY($1::text[]) UNION ALL SELECT NULL, ${PERSON_TOTAL_SQL}`,
    [[...new Set(tokens)]],
  );
  const persons = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    if (r.token === null) total = Number(r.persons);
    else persons.set(r.token, Number(r.persons));
  }
  return { persons, total };
}

/**
 * Adds a pass's new persons to one slot of the counter, chosen by the pass's first person, after every person row and
 * token count is written: the slot's row lock is then the last lock the pass takes before it ends, so it cannot be
 * part of a wait cycle with the token rows (a counter bumped inside each person's statement could).
 */
export async function countStoredPersons(tx: EntityManager, firstPersonId: string, stored: number): Promise<void> {
  if (stored === 0) return;
  await tx.query(
    `UPDATE person_totals SET persons = persons + $2 WHERE slot = abs(hashtext($1)) % ${TOTAL_SLOTS}`, [firstPersonId, stored],
  );
}

/**
 * Per candidate owner (a case, or a seizure whose arrestee the candidate is), a strong identifier it shares (same
 * type, same normalised value) with the querying side: the querying case's stored keys and the values of this pass
 * (not stored yet), or a check's values. A seizure's own identifiers are its seized serials, stored under its id: an
 * arrestee taken with the gun a case names shares that serial with the case (issue 16's CONFIRMED rule).
 */
export async function sharedStrongIdentifiers(
  tx: EntityManager, ownCaseId: string | null, ownKeys: ExactNorm[], candidateOwnerIds: string[],
): Promise<Map<string, StrongIdentifier>> {
  const strong = ownKeys.filter((k) => (STRONG_IDENTIFIERS as readonly string[]).includes(k.matchType));
  // A check of a person alone has no identifier to share: no round trip carrying thousands of candidates' owners.
  if (candidateOwnerIds.length === 0 || (ownCaseId === null && strong.length === 0)) return new Map();
  const rows = await query<{ owner_id: string; match_type: StrongIdentifier }>(tx,
    `WITH own AS (
       SELECT match_type, norm FROM match_keys WHERE case_id = $1::uuid AND match_type = ANY($4::text[]) AND NOT partial
       UNION SELECT * FROM unnest($2::text[], $3::text[]) AS u(match_type, norm))
     SELECT DISTINCT ON (coalesce(k.case_id, k.seizure_id)) coalesce(k.case_id, k.seizure_id) AS owner_id, k.match_type
     FROM own JOIN match_keys k ON k.match_type = own.match_type AND k.norm = own.norm AND NOT k.partial
     WHERE k.case_id = ANY($5::uuid[]) OR k.seizure_id = ANY($5::uuid[])
     ORDER BY coalesce(k.case_id, k.seizure_id), k.match_type`,
    [ownCaseId, strong.map((k) => k.matchType), strong.map((k) => k.norm), [...STRONG_IDENTIFIERS], [...new Set(candidateOwnerIds)]],
  );
  return new Map(rows.map((r) => [r.owner_id, r.match_type]));
}
