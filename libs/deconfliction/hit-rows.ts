import type { HitResolution, HitStatus } from '../contracts/hits';
import type { MatchType } from './match-keys';
import { formOf } from './name-forms';
import type { PersonMatchTier } from './person-tier-rules';
import type { HitRecord } from './hit-record';
import { rowColumns } from '../db/sql';

/*
 * How a hit is read: one SELECT joining each side's case, lookout or seizure for its case number and whom to call,
 * and the mapping of its row to a HitRecord. The repository's reads and the queue share them.
 */

/** A seizure side's contact: its first point of contact, or the user who recorded it when it lists none. */
const seizureContact = (s: string, u: string) => ({
  name: `coalesce(${s}.points_of_contact->0->>'name', ${u}.full_name)`,
  phone: `CASE WHEN ${s}.points_of_contact->0 IS NOT NULL THEN ${s}.points_of_contact->0->>'phone' ELSE ${u}.phone END`,
  agency: `CASE WHEN ${s}.id IS NOT NULL THEN coalesce(${s}.points_of_contact->0->>'agency', ${s}.owning_agency) END`,
});
const sa = seizureContact('sa', 'us');
const sb = seizureContact('sb', 'usb');

export const SELECT_HITS = `
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
export interface HitRow {
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
/**
 * One hit by its id, as SELECT_HITS reads it. Prepared (queryPrepared): the read joins thirteen tables, and planning
 * it took 2.8 ms on an idle machine and 8.7 ms at 15 cases a second (bench:sustained, BENCH_PG_STATEMENTS=1), against
 * well under a millisecond to run it; its generic plan, a row by its key, is planned once per connection. A scalar
 * id, not `= ANY($1)`: PostgreSQL keeps planning an array parameter for each call (queryPrepared).
 */
export const SELECT_HIT_BY_ID = `SELECT ${rowColumns<HitRow>()([
  'id', 'match_type', 'score', 'reason', 'urgent', 'status', 'tier', 'reason_es', 'resolution', 'resolution_note',
  'resolved_by', 'resolved_at', 'escalated_at', 'created_at', 'event_starts_at', 'workflow_id', 'deferring_case_id',
  'reopened_at', 'reopened_by', 'reopen_reason', 'reopen_count', 'a_case_id', 'a_seizure_id', 'a_agency', 'a_case_number',
  'a_agent_id', 'a_agent_name', 'a_agent_phone', 'a_contact_agency', 'a_value', 'b_case_id', 'b_lookout_id', 'b_seizure_id',
  'b_agency', 'b_case_number', 'b_agent_id', 'b_agent_name', 'b_agent_phone', 'b_contact_agency', 'b_value', 'claimed_by',
  'claimed_at', 'holder_username', 'holder_name', 'a_name_form', 'b_name_form',
])} FROM (${SELECT_HITS} WHERE h.id = $1) s`;

export interface QueueRow extends HitRow { queue_rank: number | string; queue_at: Date }

const date = (v: Date | null): Date | null => (v ? new Date(v) : null);

export function toRecord(r: HitRow): HitRecord {
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
