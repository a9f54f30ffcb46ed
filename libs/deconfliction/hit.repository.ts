import { DataSource, EntityManager } from 'typeorm';
import { query } from '../db/sql';
import type { MatchType } from './match-keys';
import type { PersonMatchTier } from './person-tier-rules';
import type { NameForm } from '../contracts/case-items';
import { formOf, storedForm } from './name-forms';

import type { HitResolution, HitStatus } from '../contracts/hits';

// Defined in the base layer (workflows and the API share them); re-exported for the code that reads them here.
export { HIT_RESOLUTIONS, HIT_STATUSES, type HitResolution, type HitStatus } from '../contracts/hits';

/** Where a hit stands in the queue: its urgency rank, the time it is ordered by within the rank, and its id. */
export interface QueueKey { rank: number; at: Date; id: string }
export interface QueueFilter {
  status?: HitStatus[]; matchType?: string[]; tier?: string[];
  /** Either side's agency is this one. */
  agency?: string;
  /** Held by this user id, or (null) held by no one. */
  claimedBy?: string | null;
}

/** The coordinator who holds a hit (issue 17). */
export interface HitHolder { userId: string; username: string; fullName: string; claimedAt: Date }

export interface NewHit {
  id: string;
  pairKey: string;
  matchType: MatchType;
  score: number;
  reason: string;
  /** Person hits: the tier (issue 16) and the reason in Spanish; null for other kinds. */
  tier: PersonMatchTier | null;
  reasonEs: string | null;
  urgent: boolean;
  /** Side a is the value just entered: a case item, or a firearm of a seizure. */
  a: { caseId: string | null; seizureId?: string | null; agency: string; itemId: string; value: string; nameForm?: NameForm };
  /** Side b is the value stored before: a case item, a lookout, or a seized firearm (seizure-watch.ts). */
  b: { caseId: string | null; lookoutId: string | null; seizureId?: string | null; agency: string; itemId: string; value: string; nameForm?: NameForm };
  workflowId: string;
}

/**
 * Whom to call about one side of a hit: never more of the other case than this. `agentUserId` is who is notified (a
 * case's lead agent, a lookout's owner, the user who recorded a seizure); for a seizure, the name and phone are its
 * first point of contact's when it has one, and `contactAgency` that contact's agency.
 */
export interface HitSide {
  caseId: string | null;
  seizureId: string | null;
  lookoutId: string | null;
  agency: string;
  caseNumber: string | null;
  agentUserId: string;
  agentName: string;
  agentPhone: string | null;
  contactAgency: string | null;
  value: string;
  /** Which of the side's subject names met (issue 21): LEGAL unless an alias or moniker did. */
  nameForm: NameForm;
}

export interface HitRecord {
  id: string;
  matchType: MatchType;
  score: number;
  reason: string;
  tier: PersonMatchTier | null;
  reasonEs: string | null;
  urgent: boolean;
  status: HitStatus;
  resolution: HitResolution | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  escalatedAt: Date | null;
  createdAt: Date;
  /** EVENT hits: when the earlier of the two operations starts (the queue's urgency); null for other kinds. */
  eventStartsAt: Date | null;
  workflowId: string;
  a: HitSide;
  b: HitSide;
  holder: HitHolder | null;
  /** Issue 17: DEFER's deferring case; the last reopen; how many times reopened (each round announces once). */
  deferringCaseId: string | null;
  reopenedAt: Date | null;
  reopenedBy: string | null;
  reopenReason: string | null;
  reopenCount: number;
}

/** A seizure side's contact: its first point of contact, or the user who recorded it when it lists none. */
const seizureContact = (s: string, u: string) => ({
  name: `coalesce(${s}.points_of_contact->0->>'name', ${u}.full_name)`,
  phone: `CASE WHEN ${s}.points_of_contact->0 IS NOT NULL THEN ${s}.points_of_contact->0->>'phone' ELSE ${u}.phone END`,
  agency: `CASE WHEN ${s}.id IS NOT NULL THEN coalesce(${s}.points_of_contact->0->>'agency', ${s}.owning_agency) END`,
});
const sa = seizureContact('sa', 'us');
const sb = seizureContact('sb', 'usb');

const SELECT_HITS = `
  SELECT h.*, ca.case_number AS a_case_number, coalesce(ua.id, us.id) AS a_agent_id,
         coalesce(ua.full_name, ${sa.name}) AS a_agent_name, coalesce(ua.phone, ${sa.phone}) AS a_agent_phone,
         ${sa.agency} AS a_contact_agency,
         cb.case_number AS b_case_number, coalesce(ub.id, ul.id, usb.id) AS b_agent_id,
         coalesce(ub.full_name, ul.full_name, ${sb.name}) AS b_agent_name,
         coalesce(ub.phone, ul.phone, ${sb.phone}) AS b_agent_phone, ${sb.agency} AS b_contact_agency,
         least(oa.starts_at, ob.starts_at) AS event_starts_at,
         uc.username AS holder_username, uc.full_name AS holder_name
  FROM deconfliction_hits h
  LEFT JOIN users uc ON uc.id = h.claimed_by
  LEFT JOIN cases ca ON ca.id = h.a_case_id LEFT JOIN users ua ON ua.id = ca.lead_agent_id
  LEFT JOIN seizures sa ON sa.id = h.a_seizure_id LEFT JOIN users us ON us.id = sa.created_by
  LEFT JOIN cases cb ON cb.id = h.b_case_id LEFT JOIN users ub ON ub.id = cb.lead_agent_id
  LEFT JOIN lookouts l ON l.id = h.b_lookout_id LEFT JOIN users ul ON ul.id = l.owner_user_id
  LEFT JOIN seizures sb ON sb.id = h.b_seizure_id LEFT JOIN users usb ON usb.id = sb.created_by
  LEFT JOIN case_operations oa ON h.match_type = 'EVENT' AND oa.id = h.a_item_id
  LEFT JOIN case_operations ob ON h.match_type = 'EVENT' AND ob.id = h.b_item_id`;

/** A hit as `SELECT_HITS` reads it, with each side's case number and whom to call. */
interface HitRow {
  id: string; match_type: MatchType; score: number | string; reason: string; urgent: boolean; status: HitStatus;
  tier: PersonMatchTier | null; reason_es: string | null;
  resolution: HitResolution | null; resolution_note: string | null; resolved_by: string | null; resolved_at: Date | null;
  escalated_at: Date | null; created_at: Date; event_starts_at: Date | null; workflow_id: string;
  deferring_case_id: string | null; reopened_at: Date | null; reopened_by: string | null; reopen_reason: string | null;
  reopen_count: number | string;
  a_case_id: string | null; a_seizure_id: string | null; a_agency: string; a_case_number: string | null; a_agent_id: string;
  a_agent_name: string; a_agent_phone: string | null; a_contact_agency: string | null; a_value: string;
  b_case_id: string | null; b_lookout_id: string | null; b_seizure_id: string | null; b_agency: string; b_case_number: string | null;
  b_agent_id: string; b_agent_name: string; b_agent_phone: string | null; b_contact_agency: string | null; b_value: string;
  claimed_by: string | null; claimed_at: Date | null; holder_username: string | null; holder_name: string | null;
  a_name_form: string | null; b_name_form: string | null;
}
interface QueueRow extends HitRow { queue_rank: number | string; queue_at: Date }

const date = (v: Date | null): Date | null => (v ? new Date(v) : null);

function toRecord(r: HitRow): HitRecord {
  return {
    id: r.id, matchType: r.match_type, score: Number(r.score), reason: r.reason, tier: r.tier ?? null, reasonEs: r.reason_es ?? null,
    urgent: r.urgent, status: r.status, resolution: r.resolution ?? null,
    resolutionNote: r.resolution_note, resolvedBy: r.resolved_by, resolvedAt: date(r.resolved_at),
    escalatedAt: date(r.escalated_at), createdAt: new Date(r.created_at),
    eventStartsAt: date(r.event_starts_at), workflowId: r.workflow_id,
    deferringCaseId: r.deferring_case_id ?? null, reopenedAt: date(r.reopened_at ?? null), reopenedBy: r.reopened_by ?? null,
    reopenReason: r.reopen_reason ?? null, reopenCount: Number(r.reopen_count ?? 0),
    a: {
      caseId: r.a_case_id, seizureId: r.a_seizure_id, lookoutId: null, agency: r.a_agency, caseNumber: r.a_case_number,
      agentUserId: r.a_agent_id, agentName: r.a_agent_name, agentPhone: r.a_agent_phone, contactAgency: r.a_contact_agency,
      value: r.a_value, nameForm: formOf(r.a_name_form),
    },
    b: {
      caseId: r.b_case_id, seizureId: r.b_seizure_id, lookoutId: r.b_lookout_id, agency: r.b_agency, caseNumber: r.b_case_number,
      agentUserId: r.b_agent_id, agentName: r.b_agent_name, agentPhone: r.b_agent_phone, contactAgency: r.b_contact_agency,
      value: r.b_value, nameForm: formOf(r.b_name_form),
    },
    holder: r.claimed_by && r.claimed_at
      ? { userId: r.claimed_by, username: r.holder_username ?? '', fullName: r.holder_name ?? '', claimedAt: new Date(r.claimed_at) }
      : null,
  };
}

/** The deconfliction_hits table. Pair keys are unique, so the same two values make one hit however often they are probed. */
export class HitRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, hits: NewHit[], at: Date): Promise<string[]> {
    const created: string[] = [];
    for (const h of hits) {
      const rows = await query<{ id: string }>(tx,
        `INSERT INTO deconfliction_hits (id, pair_key, match_type, score, reason, urgent, status,
           a_case_id, a_agency, a_item_id, a_value, b_case_id, b_lookout_id, b_agency, b_item_id, b_value, workflow_id, created_at,
           a_seizure_id, b_seizure_id, tier, reason_es, a_name_form, b_name_form)
         VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
         ON CONFLICT (pair_key) DO NOTHING RETURNING id`,
        [h.id, h.pairKey, h.matchType, h.score, h.reason, h.urgent, h.a.caseId, h.a.agency, h.a.itemId, h.a.value,
          h.b.caseId, h.b.lookoutId, h.b.agency, h.b.itemId, h.b.value, h.workflowId, at, h.a.seizureId ?? null,
          h.b.seizureId ?? null, h.tier, h.reasonEs, storedForm(h.a.nameForm), storedForm(h.b.nameForm)],
      );
      if (rows.length > 0) created.push(rows[0].id);
    }
    return created;
  }

  async load(ids: string[], tx?: EntityManager): Promise<HitRecord[]> {
    if (ids.length === 0) return [];
    const rows = await query<HitRow>(tx ?? this.dataSource, `${SELECT_HITS} WHERE h.id = ANY($1::uuid[]) ORDER BY h.created_at, h.id`, [ids]);
    return rows.map(toRecord);
  }

  async findById(id: string, tx?: EntityManager): Promise<HitRecord | null> {
    return (await this.load([id], tx))[0] ?? null;
  }

  async idsByPairKeys(tx: EntityManager, pairKeys: string[]): Promise<string[]> {
    if (pairKeys.length === 0) return [];
    const rows = await query<{ id: string }>(tx, 'SELECT id FROM deconfliction_hits WHERE pair_key = ANY($1::text[])', [pairKeys]);
    return rows.map((r) => r.id);
  }

  async forCase(caseId: string): Promise<HitRecord[]> {
    const rows = await query<HitRow>(this.dataSource,
      `${SELECT_HITS} WHERE h.a_case_id = $1 OR h.b_case_id = $1 ORDER BY h.created_at DESC, h.id DESC`, [caseId],
    );
    return rows.map(toRecord);
  }

  async forSeizure(seizureId: string): Promise<HitRecord[]> {
    const rows = await query<HitRow>(this.dataSource,
      `${SELECT_HITS} WHERE h.a_seizure_id = $1 OR h.b_seizure_id = $1 ORDER BY h.created_at DESC, h.id DESC`, [seizureId],
    );
    return rows.map(toRecord);
  }

  async forLookout(lookoutId: string): Promise<HitRecord[]> {
    const rows = await query<HitRow>(this.dataSource,
      `${SELECT_HITS} WHERE h.b_lookout_id = $1 ORDER BY h.created_at DESC, h.id DESC`, [lookoutId],
    );
    return rows.map(toRecord);
  }

  /**
   * The watch desk's queue, urgent first (issue 17): open event conflicts by how soon the earlier operation starts,
   * then escalated hits, then the other open hits, then resolved ones, each oldest first. Keyset-paged on
   * (rank, at, id), so a page never repeats or skips a hit while others arrive.
   */
  async queue(filter: QueueFilter, limit: number, after?: QueueKey): Promise<(HitRecord & { queueKey: QueueKey })[]> {
    const params: unknown[] = [limit];
    const where: string[] = [];
    if (filter.status) { params.push(filter.status); where.push(`h.status = ANY($${params.length}::text[])`); }
    if (filter.matchType) { params.push(filter.matchType); where.push(`h.match_type = ANY($${params.length}::text[])`); }
    if (filter.tier) { params.push(filter.tier); where.push(`h.tier = ANY($${params.length}::text[])`); }
    if (filter.agency) { params.push(filter.agency); where.push(`(h.a_agency = $${params.length} OR h.b_agency = $${params.length})`); }
    if (filter.claimedBy === null) where.push('h.claimed_by IS NULL');
    else if (filter.claimedBy) { params.push(filter.claimedBy); where.push(`h.claimed_by = $${params.length}::uuid`); }
    const outer: string[] = [];
    if (after) {
      params.push(after.rank, after.at, after.id);
      const n = params.length;
      outer.push(`(q.queue_rank, q.queue_at, q.id) > ($${n - 2}::int, $${n - 1}::timestamptz, $${n}::uuid)`);
    }
    const rows = await query<QueueRow>(this.dataSource,
      `SELECT q.* FROM (
         SELECT s.*,
           CASE WHEN s.status = 'OPEN' AND s.match_type = 'EVENT' THEN 0 WHEN s.status = 'ESCALATED' THEN 1
                WHEN s.status = 'OPEN' THEN 2 ELSE 3 END AS queue_rank,
           CASE WHEN s.status = 'OPEN' AND s.match_type = 'EVENT' THEN coalesce(s.event_starts_at, s.created_at)
                ELSE s.created_at END AS queue_at
         FROM (${SELECT_HITS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) s
       ) q ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
       ORDER BY q.queue_rank, q.queue_at, q.id LIMIT $1`,
      params,
    );
    return rows.map((r) => ({ ...toRecord(r), queueKey: { rank: Number(r.queue_rank), at: new Date(r.queue_at), id: r.id } }));
  }

  /** Hits not yet resolved that involve the case, on either side. */
  async openForCase(caseId: string, tx?: EntityManager): Promise<{ id: string; matchType: MatchType }[]> {
    const rows = await query<{ id: string; match_type: MatchType }>(tx ?? this.dataSource,
      `SELECT id, match_type FROM deconfliction_hits
       WHERE (a_case_id = $1 OR b_case_id = $1) AND status <> 'RESOLVED' ORDER BY created_at`, [caseId],
    );
    return rows.map((r) => ({ id: r.id, matchType: r.match_type }));
  }

  async markEscalated(tx: EntityManager, id: string, at: Date): Promise<boolean> {
    const rows = await query<{ id: string }>(tx,
      `UPDATE deconfliction_hits SET status = 'ESCALATED', escalated_at = $2 WHERE id = $1 AND status = 'OPEN' RETURNING id`,
      [id, at]);
    return rows.length > 0;
  }

  async markResolved(
    tx: EntityManager, id: string, resolution: HitResolution, note: string, by: string, at: Date, deferringCaseId: string | null = null,
  ): Promise<boolean> {
    const rows = await query<{ id: string }>(tx,
      `UPDATE deconfliction_hits SET status = 'RESOLVED', resolution = $2, resolution_note = $3, resolved_by = $4, resolved_at = $5,
         deferring_case_id = $6
       WHERE id = $1 AND status <> 'RESOLVED' RETURNING id`,
      [id, resolution, note, by, at, deferringCaseId]);
    return rows.length > 0;
  }

  /** Back to OPEN, its resolution cleared (the audit keeps it) and its round counted; false when it was not resolved. */
  async markReopened(tx: EntityManager, id: string, reason: string, by: string, at: Date): Promise<boolean> {
    const rows = await query<{ id: string }>(tx,
      `UPDATE deconfliction_hits SET status = 'OPEN', resolution = NULL, resolution_note = NULL, resolved_by = NULL,
         resolved_at = NULL, deferring_case_id = NULL, escalated_at = NULL, reopened_at = $2, reopened_by = $3,
         reopen_reason = $4, reopen_count = reopen_count + 1
       WHERE id = $1 AND status = 'RESOLVED' RETURNING id`,
      [id, at, by, reason]);
    return rows.length > 0;
  }
}
