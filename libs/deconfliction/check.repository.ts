import type { DataSource, EntityManager } from 'typeorm';
import type { NewAuditRow } from '../audit/audit-store';
import { assertDefined, Db, query, queryOne } from '../db/sql';
import { NOTIFICATION_CHANNEL } from '../notifications/notification-store';
import type { MatchType } from './match-keys';

/** An item of a case or lookout that a check met: pointers only, never the value checked or the value met. */
export interface CheckMatchRecord { itemId: string; matchType: MatchType; caseId: string | null; lookoutId: string | null; agency: string }

export interface NewCheck {
  id: string; userId: string; agency: string; counts: Record<string, number>; items: number; matches: CheckMatchRecord[];
}

/** Whom to call about a case (its lead agent) or a lookout (its owner). */
export interface OwnerPointer { caseNumber: string | null; userId: string; agentName: string; agentPhone: string | null }

/** Values the user checked in the hour and in the 24 hours before the check, and whether the check fit and was kept. */
export interface BudgetUse { hour: number; day: number; kept: boolean }

/**
 * What keep() decided and read: the budget's use; the check's time (the database's, to the millisecond: one clock for
 * the budget, the record and the pattern window); and, when kept, the owner of every case and lookout met, by id.
 */
export interface KeptCheck extends BudgetUse { checkedAt: Date; owners: Map<string, OwnerPointer> }

/**
 * The items whose repetition the check watches (sorted: the order their locks are taken in), the window, and how many
 * checks by one agency meeting one item within it raise an alert.
 */
export interface PatternWatch { itemIds: string[]; windowMs: number; threshold: number }

interface OwnerRow { id: string; case_number: string | null; user_id: string; full_name: string; phone: string | null }

const patternLockKeys = (itemIds: string[], checkerAgency: string) => itemIds.map((id) => `check-pattern:${id}:${checkerAgency}`);

export interface CheckPageRow {
  id: string; agency: string; checked_at: Date; counts: Record<string, number>; full_name: string; phone: string | null;
}

export interface CheckMatchPointerRow {
  check_id: string; match_type: MatchType; agency: string; lookout: boolean; case_number: string | null;
  full_name: string | null; phone: string | null;
}

/** Lock namespaces of the per-user budget and the per-item pattern count (other advisory locks use 7240001 and 7240002). */
const BUDGET_LOCK_SEED = 7_240_010;
const PATTERN_LOCK_SEED = 7_240_011;

/** The kept record of checks (migration DeconflictionChecks): written by keep_check, read by both sides. */
export class CheckRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** When the oldest of the user's checks since `since` that together free `over` values was made; none: undefined. */
  async checkFreeing(tx: EntityManager, userId: string, since: Date, over: number): Promise<Date | undefined> {
    const row = await queryOne<{ checked_at: Date }>(tx,
      `SELECT checked_at FROM (
         SELECT checked_at, sum(items) OVER (ORDER BY checked_at, id) AS freed
         FROM deconfliction_checks WHERE user_id = $1 AND checked_at > $2) AS running
       WHERE freed >= $3 ORDER BY checked_at LIMIT 1`,
      [userId, since, over],
    );
    return row && new Date(row.checked_at);
  }

  /** Records a refusal; true when none was recorded for this user and period in the last `windowMs`. */
  async reportRefusal(tx: EntityManager, userId: string, period: string, now: Date, windowMs: number): Promise<boolean> {
    const rows = await query<{ one: number }>(tx,
      `INSERT INTO deconfliction_check_refusals AS r (user_id, period, reported_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, period) DO UPDATE SET reported_at = EXCLUDED.reported_at
       WHERE r.reported_at <= EXCLUDED.reported_at - $4 * interval '1 millisecond'
       RETURNING 1 AS one`,
      [userId, period, now, windowMs],
    );
    return rows.length > 0;
  }

  /**
   * The check and the items it met, kept only when its charge (`items`) fits both budgets after the user's checks of
   * the last hour and day. A kept check also writes what it leaves behind: the notices to the owners of the items of
   * other agencies it met (check_matched_notices), a pattern alert on each `watch` item whose checks within the window
   * are at or over the threshold and that no alert of the window names yet (the alert row, its notices to the watch
   * desks and both agencies' leadership), and the audit entries, the check's then each alert's; and it reads the owners
   * of what it met for the answer. One call (`keep_check`, migrations KeepCheckInOneCall, KeepCheckReadsOwners and
   * PatternAlertsInKeepCheck) in a transaction of its own, so all of it commits or none: it takes the checker's budget
   * lock (two concurrent checks of one user cannot both fit in the last unit of budget), then the pattern locks of the
   * watched items (see patternLockKeys), in that order for every check, and sums and counts under snapshots taken after
   * them, so it sees every check (and alert) that held them before. A refused check writes nothing.
   */
  async keep(db: Db, check: NewCheck, limits: { hour: number; day: number }, watch: PatternWatch | null, audit: NewAuditRow): Promise<KeptCheck> {
    const matched = [...new Set(check.matches.map((m) => m.agency))].sort();
    const m = check.matches;
    const lockKeys = [`check-budget:${check.userId}`, ...patternLockKeys(watch?.itemIds ?? [], check.agency)];
    const a = audit;
    const params = [check.id, check.userId, check.agency, JSON.stringify(check.counts), check.items, matched,
      m.map((x) => x.itemId), m.map((x) => x.matchType), m.map((x) => x.caseId), m.map((x) => x.lookoutId), m.map((x) => x.agency),
      limits.hour, limits.day, lockKeys, lockKeys.map((_, i) => (i === 0 ? BUDGET_LOCK_SEED : PATTERN_LOCK_SEED)),
      watch?.itemIds ?? [], watch?.windowMs ?? 0,
      a.at, a.actor, a.agency, a.action, a.entityType, a.entityId, JSON.stringify(a.details), a.payloadBeforePrevHash, a.dedupKey,
      NOTIFICATION_CHANNEL, watch?.threshold ?? 0];
    const row = assertDefined(await queryOne<{ check_time: Date; hour: string; day: string; kept: boolean; owners: OwnerRow[] }>(db,
      `SELECT check_time, hour, day, kept, owners FROM keep_check(${params.map((_, i) => `$${i + 1}`).join(', ')})`, params,
    ), 'keep_check');
    return {
      checkedAt: row.check_time, hour: Number(row.hour), day: Number(row.day), kept: row.kept,
      owners: new Map(row.owners.map((o) => [o.id, { caseNumber: o.case_number, userId: o.user_id, agentName: o.full_name, agentPhone: o.phone }])),
    };
  }

  /**
   * A page of the checks an agency's agents made and of the checks that met its items, newest first. The checker is
   * resolved to a name and phone (whom to call), never to anything the check carried.
   */
  async page(agency: string, direction: 'MADE' | 'RECEIVED' | undefined, limit: number, after?: { createdAt: Date; id: string }): Promise<CheckPageRow[]> {
    const scope = direction === 'MADE' ? 'c.agency = $1'
      : direction === 'RECEIVED' ? '(c.agency <> $1 AND c.matched_agencies @> ARRAY[$1]::text[])'
        : '(c.agency = $1 OR c.matched_agencies @> ARRAY[$1]::text[])';
    return query<CheckPageRow>(this.dataSource,
      `SELECT c.id, c.agency, c.checked_at, c.counts, u.full_name, u.phone
       FROM deconfliction_checks c JOIN users u ON u.id = c.user_id
       WHERE ${scope} AND ($2::timestamptz IS NULL OR (c.checked_at, c.id) < ($2::timestamptz, $3::uuid))
       ORDER BY c.checked_at DESC, c.id DESC LIMIT $4`,
      [agency, after?.createdAt ?? null, after?.id ?? null, limit],
    );
  }

  /** The matches of these checks with the current pointer of each matched case or lookout. */
  async matchPointers(checkIds: string[]): Promise<CheckMatchPointerRow[]> {
    if (checkIds.length === 0) return [];
    return query<CheckMatchPointerRow>(this.dataSource,
      `SELECT m.check_id, m.match_type, m.agency, m.lookout_id IS NOT NULL AS lookout, cs.case_number,
              coalesce(cu.full_name, lu.full_name) AS full_name, coalesce(cu.phone, lu.phone) AS phone
       FROM deconfliction_check_matches m
       LEFT JOIN cases cs ON cs.id = m.case_id LEFT JOIN users cu ON cu.id = cs.lead_agent_id
       LEFT JOIN lookouts l ON l.id = m.lookout_id LEFT JOIN users lu ON lu.id = l.owner_user_id
       WHERE m.check_id = ANY($1::uuid[])
       ORDER BY m.check_id, m.match_type, m.agency, cs.case_number NULLS LAST`,
      [checkIds],
    );
  }
}
