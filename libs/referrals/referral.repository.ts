import type { EntityManager } from 'typeorm';
import type { CaseFlags, CaseStatus } from '../contracts/case-items';
import { Db, query, queryOne, queryOnePrepared } from '../db/sql';
import type { PacketIds, ReferralPacket } from '../contracts/referrals';
import type { ReferralDecision, ReferralKind, ReferralRole, ReferralRule, ReferralStatus, SentRuleReferral } from './referral-rules';

export interface HistoryEntry { status: ReferralStatus | 'NOTED'; action: string; actor: string; agency: string | null; at: string; note?: string }

export interface ReferralRecord {
  id: string; caseId: string; caseNumber: string; fromAgency: string; toAgency: string; kind: ReferralKind;
  /** Null for a referral a case agent opened (kind MANUAL). */
  rule: ReferralRule | null; reason: string; facts: Record<string, unknown>; status: ReferralStatus; dueAt: Date;
  history: HistoryEntry[]; workflowId: string; createdAt: Date; leadAgentId: string;
  /** The case items disclosed to the receiving agency. */
  packet: ReferralPacket;
  /** The agent who opened it; null for a rule's (its contact is the case's lead agent). */
  sentBy: string | null;
  /** When its workflow was known to have started; null until then, and until then no step can be taken on it. */
  workflowStartedAt: Date | null;
}

export type InboxSort = 'newest' | 'urgency';
export interface InboxFilter { status?: ReferralStatus; caseNumber?: string; sort?: InboxSort }
export interface InboxKey { rank: number; createdAt: Date; id: string }

/** A referral joined with its case's number and lead agent (`SELECT_REFERRAL`). */
interface ReferralRow {
  id: string; case_id: string; case_number: string; from_agency: string; to_agency: string; kind: ReferralKind;
  rule: ReferralRule | null; reason: string; facts: Record<string, unknown>; status: ReferralStatus; due_at: Date;
  history: HistoryEntry[]; workflow_id: string; created_at: Date; lead_agent_id: string; packet: ReferralPacket; sent_by: string | null;
  workflow_started_at: Date | null;
}
interface InboxRow extends ReferralRow { rank: number | string }

const toRecord = (r: ReferralRow): ReferralRecord => ({
  id: r.id, caseId: r.case_id, caseNumber: r.case_number, fromAgency: r.from_agency, toAgency: r.to_agency, kind: r.kind,
  rule: r.rule, reason: r.reason, facts: r.facts, status: r.status, dueAt: new Date(r.due_at), history: r.history,
  workflowId: r.workflow_id, createdAt: new Date(r.created_at), leadAgentId: r.lead_agent_id, packet: r.packet, sentBy: r.sent_by,
  workflowStartedAt: r.workflow_started_at ? new Date(r.workflow_started_at) : null,
});
const SELECT_REFERRAL = `SELECT r.*, c.case_number, c.lead_agent_id FROM referrals r JOIN cases c ON c.id = r.case_id`;

export interface NewReferral {
  id: string; caseId: string; fromAgency: string; decision: ReferralDecision; dueAt: Date; history: HistoryEntry[];
  workflowId: string; at: Date; packet: ReferralPacket;
}

export interface NewManualReferral {
  id: string; caseId: string; fromAgency: string; toAgency: string; reason: string; packet: PacketIds; sentBy: string;
  dueAt: Date; history: HistoryEntry[]; workflowId: string; at: Date;
}

/** What R1-R4 read of a case besides its flags, and who the rules refer to. */
export interface RuleFacts { organizations: { name: string; orgType: string }[]; firearmCount: number; roles: ReferralRole[] }

/** A case as referral evaluation first reads it (ReferralRepository.evaluationGlance). */
export interface EvaluationGlance { owningAgency: string; flags: CaseFlags; status: CaseStatus; facts: RuleFacts; sent: SentRuleReferral[] }

/** The one open manual referral per case and receiving agency (migration 1763900000015). */
export const ONE_OPEN_MANUAL_INDEX = 'referrals_one_open_manual';

/** The referrals, disseminations and referral roles tables: SQL only, the decisions are ReferralService's. */
export class ReferralRepository {
  /**
   * The case as the rules read it, its facts and the rule referrals it already has, in one statement (issue 20: most
   * evaluations write nothing, and this is all they read, outside any transaction). Null when the case is not there.
   */
  async evaluationGlance(db: Db, caseId: string): Promise<EvaluationGlance | null> {
    // Prepared (queryPrepared): one fixed text run on every intake, read by its key.
    const row = await queryOnePrepared<{
      owning_agency: string; flags: CaseFlags; status: CaseStatus; organizations: RuleFacts['organizations']; firearm_count: string;
      roles: ReferralRole[]; sent: SentRuleReferral[];
    }>(db,
      `SELECT c.owning_agency, c.flags, c.status,
         (SELECT coalesce(json_agg(json_build_object('name', name, 'orgType', org_type)), '[]')
          FROM case_subjects WHERE case_id = $1 AND kind = 'ORGANIZATION') AS organizations,
         (SELECT count(*) FROM case_firearms WHERE case_id = $1) AS firearm_count,
         (SELECT coalesce(json_agg(json_build_object('rule', rule, 'kind', kind, 'agency', agency_code)), '[]') FROM referral_roles) AS roles,
         (SELECT coalesce(json_agg(json_build_object('id', id, 'rule', rule, 'toAgency', to_agency, 'history', history,
                                                     'workflowId', workflow_id) ORDER BY created_at, id), '[]')
          FROM referrals WHERE case_id = $1 AND rule IS NOT NULL) AS sent
       FROM cases c WHERE c.id = $1`,
      [caseId]);
    if (!row) return null;
    return {
      owningAgency: row.owning_agency, flags: row.flags, status: row.status,
      facts: { organizations: row.organizations, firearmCount: Number(row.firearm_count), roles: row.roles }, sent: row.sent,
    };
  }

  /**
   * False when the case already has this rule's referral to this agency. Written as not started: the case workflow
   * starts the referral's workflow only in a later workflow task, and that workflow marks the row when it runs
   * (markWorkflowStarted); one whose start never happened is started by the relay.
   */
  async insert(tx: EntityManager, r: NewReferral): Promise<boolean> {
    const d = r.decision;
    const inserted = await query<{ id: string }>(tx,
      `INSERT INTO referrals (id, case_id, from_agency, to_agency, rule, kind, reason, facts, status, due_at, history, workflow_id,
                              created_at, updated_at, packet)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'SENT', $9, $10, $11, $12, $12, $13)
       ON CONFLICT (case_id, to_agency, rule) DO NOTHING RETURNING id`,
      [r.id, r.caseId, r.fromAgency, d.toAgency, d.rule, d.kind, d.reason, d.facts, r.dueAt, JSON.stringify(r.history), r.workflowId, r.at,
        JSON.stringify(r.packet)],
    );
    return inserted.length > 0;
  }

  /** A referral a case agent opened, written as not started: the API starts its workflow after commit, or the relay. */
  async insertManual(tx: EntityManager, r: NewManualReferral): Promise<void> {
    await tx.query(
      `INSERT INTO referrals (id, case_id, from_agency, to_agency, rule, kind, reason, facts, status, due_at, history, workflow_id,
                              created_at, updated_at, packet, sent_by)
       VALUES ($1, $2, $3, $4, NULL, 'MANUAL', $5, '{}', 'SENT', $6, $7, $8, $9, $9, $10, $11)`,
      [r.id, r.caseId, r.fromAgency, r.toAgency, r.reason, r.dueAt, JSON.stringify(r.history), r.workflowId, r.at, JSON.stringify(r.packet), r.sentBy],
    );
  }

  /** The case's referrals to this agency not in a final state (rule or manual). */
  async openTo(tx: Db, caseId: string, agency: string): Promise<{ id: string; rule: ReferralRule | null; status: ReferralStatus }[]> {
    return query<{ id: string; rule: ReferralRule | null; status: ReferralStatus }>(tx,
      `SELECT id, rule, status FROM referrals WHERE case_id = $1 AND to_agency = $2 AND status NOT IN ('ACCEPTED', 'DECLINED', 'WITHDRAWN')
       ORDER BY created_at`, [caseId, agency]);
  }

  /** The disclosure record: who disclosed which items of the case to whom, when, and why. */
  async insertDissemination(tx: EntityManager, d: {
    id: string; caseId: string; recipientAgency: string; reason: string; referralId: string; at: Date; disclosedBy: string; items: ReferralPacket;
  }): Promise<void> {
    await tx.query(
      `INSERT INTO disseminations (id, case_id, recipient_agency, reason, referral_id, disseminated_at, disclosed_by, items)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [d.id, d.caseId, d.recipientAgency, d.reason, d.referralId, d.at, d.disclosedBy, JSON.stringify(d.items)],
    );
  }

  /**
   * The rules' referrals of the case, locked for the rest of the transaction, oldest first: the facts they stand on
   * are checked against them, and the case workflow starts their workflows (manual ones: the API and the relay).
   */
  async lockForCase(tx: EntityManager, caseId: string): Promise<(SentRuleReferral & { history: HistoryEntry[] })[]> {
    const rows = await query<Pick<ReferralRow, 'id' | 'to_agency' | 'history' | 'workflow_id'> & { rule: ReferralRule }>(tx,
      'SELECT id, rule, to_agency, history, workflow_id FROM referrals WHERE case_id = $1 AND rule IS NOT NULL ORDER BY created_at, id FOR UPDATE',
      [caseId]);
    return rows.map((r) => ({ id: r.id, rule: r.rule, toAgency: r.to_agency, history: r.history, workflowId: r.workflow_id }));
  }

  /** Its workflow is running (the workflow's first step says so); the first mark stands. */
  async markWorkflowStarted(db: Db, id: string): Promise<void> {
    await query(db, 'UPDATE referrals SET workflow_started_at = now() WHERE id = $1 AND workflow_started_at IS NULL', [id]);
  }

  async appendHistory(tx: EntityManager, id: string, entry: HistoryEntry, at: Date, status?: ReferralStatus): Promise<void> {
    if (status === undefined) {
      await tx.query('UPDATE referrals SET history = history || $2::jsonb, updated_at = $3 WHERE id = $1', [id, JSON.stringify([entry]), at]);
      return;
    }
    await tx.query('UPDATE referrals SET status = $2, history = history || $3::jsonb, updated_at = $4 WHERE id = $1',
      [id, status, JSON.stringify([entry]), at]);
  }

  async lock(tx: EntityManager, id: string): Promise<ReferralRecord | undefined> {
    const row = await queryOne<ReferralRow>(tx, `${SELECT_REFERRAL} WHERE r.id = $1 FOR UPDATE OF r`, [id]);
    return row && toRecord(row);
  }

  async find(db: Db, id: string): Promise<ReferralRecord | undefined> {
    const row = await queryOne<ReferralRow>(db, `${SELECT_REFERRAL} WHERE r.id = $1`, [id]);
    return row && toRecord(row);
  }

  async forCase(db: Db, caseId: string): Promise<ReferralRecord[]> {
    return (await query<ReferralRow>(db, `${SELECT_REFERRAL} WHERE r.case_id = $1 ORDER BY r.created_at, r.id`, [caseId])).map(toRecord);
  }

  /** See ReferralService.inbox for the two orders; a referral whose workflow has not started is not listed yet. */
  async inbox(
    db: Db, agency: string, filter: InboxFilter, limit: number, asOf: Date, after?: InboxKey,
  ): Promise<(ReferralRecord & { rank: number })[]> {
    const urgency = filter.sort === 'urgency';
    const rows = await query<InboxRow>(db,
      `SELECT * FROM (
         SELECT r.*, c.case_number, c.lead_agent_id,
                CASE WHEN r.status = 'ESCALATED' OR (r.status = 'SENT' AND r.due_at <= $4) THEN 0
                     WHEN r.status = 'SENT' THEN 1 WHEN r.status = 'ACKNOWLEDGED' THEN 2 ELSE 3 END AS rank
         FROM referrals r JOIN cases c ON c.id = r.case_id
         WHERE r.to_agency = $1 AND r.workflow_started_at IS NOT NULL AND ($2::text IS NULL OR r.status = $2) AND ($3::text IS NULL OR upper(c.case_number) = upper($3))
       ) inbox
       WHERE $5::int IS NULL OR ${urgency ? '(rank, created_at, id) > ($5::int, $6::timestamptz, $7::uuid)' : '(created_at, id) < ($6::timestamptz, $7::uuid)'}
       ORDER BY ${urgency ? 'rank, created_at, id' : 'created_at DESC, id DESC'} LIMIT $8`,
      [agency, filter.status ?? null, filter.caseNumber ?? null, asOf, after?.rank ?? null, after?.createdAt ?? null, after?.id ?? null, limit]);
    return rows.map((r) => ({ ...toRecord(r), rank: Number(r.rank) }));
  }

  /** Who hears of a referral's steps: the receiving agency's referral officers. */
  async referralOfficers(tx: EntityManager, agency: string): Promise<string[]> {
    const rows = await query<{ id: string }>(tx, `SELECT id FROM users WHERE agency_code = $1 AND 'REFERRAL_OFFICER' = ANY(roles)`, [agency]);
    return rows.map((r) => r.id);
  }
}
