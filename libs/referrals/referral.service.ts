import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { CaseService } from '../cases/case.service';
import { uuidFrom } from '../common/deterministic-id';
import type { CaseFlags } from '../contracts/case-items';
import { referralWorkflowId } from '../contracts/temporal';
import { NotificationStore } from '../notifications/notification-store';
import {
  evaluateReferralRules, nextReferralStatus, ReferralAction, ReferralKind, ReferralRole, ReferralRule, ReferralStatus,
} from './referral-rules';

export interface ReferralActor { userId: string; username: string; agency: string }

export interface HistoryEntry { status: ReferralStatus | 'NOTED'; action: string; actor: string; agency: string | null; at: string; note?: string }

export interface ReferralRecord {
  id: string; caseId: string; caseNumber: string; fromAgency: string; toAgency: string; kind: ReferralKind;
  rule: ReferralRule; reason: string; facts: Record<string, unknown>; status: ReferralStatus; dueAt: Date;
  history: HistoryEntry[]; workflowId: string; createdAt: Date; leadAgentId: string;
}

export type InboxSort = 'newest' | 'urgency';
export interface InboxFilter { status?: ReferralStatus; caseNumber?: string; sort?: InboxSort }
export interface InboxKey { rank: number; createdAt: Date; id: string }

export interface ReferralStart { referralId: string; workflowId: string; ackDueAfterMs: number; rule?: ReferralRule }

export class InvalidReferralTransition extends Error {
  constructor(readonly current: ReferralStatus, action: ReferralAction) {
    super(`cannot ${action.toLowerCase()} a referral that is ${current}`);
  }
}

type Row = Record<string, any>;
const toRecord = (r: Row): ReferralRecord => ({
  id: r.id, caseId: r.case_id, caseNumber: r.case_number, fromAgency: r.from_agency, toAgency: r.to_agency, kind: r.kind,
  rule: r.rule, reason: r.reason, facts: r.facts, status: r.status, dueAt: new Date(r.due_at), history: r.history,
  workflowId: r.workflow_id, createdAt: new Date(r.created_at), leadAgentId: r.lead_agent_id,
});
const SELECT = `SELECT r.*, c.case_number, c.lead_agent_id FROM referrals r JOIN cases c ON c.id = r.case_id`;

const ACTION_VERB: Record<ReferralAction, string> = {
  ACKNOWLEDGE: 'referral.acknowledged', ACCEPT: 'referral.accepted', DECLINE: 'referral.declined', ESCALATE: 'referral.escalated',
};

/** Referral use cases shared by the case and referral workflows' activities and the API. */
export class ReferralService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly notifications: NotificationStore,
    private readonly audit: AuditStore,
    private readonly ackDueAfterMs: number,
  ) {}

  /**
   * Applies R1-R4 to the case as it stands: sends each referral not sent yet (one per case, agency and rule, with its
   * dissemination record), notes on a referral already sent when its facts no longer hold, and answers every referral
   * of the case so the workflow can make sure each has its workflow. Idempotent.
   */
  async evaluateCase(caseId: string): Promise<ReferralStart[]> {
    return this.dataSource.transaction(async (tx) => {
      const record = await this.cases.findById(caseId, tx);
      if (!record || record.status === 'CLOSED') return [];
      const decisions = evaluateReferralRules({
        owningAgency: record.owningAgency, flags: record.flags as CaseFlags,
        organizations: await tx.query(`SELECT name, org_type AS "orgType" FROM case_subjects WHERE case_id = $1 AND kind = 'ORGANIZATION'`, [caseId]),
        firearmCount: Number((await tx.query('SELECT count(*) FROM case_firearms WHERE case_id = $1', [caseId]))[0].count),
      }, await this.roles(tx));
      const now = new Date();
      for (const d of decisions) {
        const id = uuidFrom(`referral\n${caseId}\n${d.toAgency}\n${d.rule}`);
        const history: HistoryEntry[] = [{ status: 'SENT', action: 'SEND', actor: 'system', agency: record.owningAgency, at: now.toISOString(), note: d.reason }];
        const inserted: Row[] = await tx.query(
          `INSERT INTO referrals (id, case_id, from_agency, to_agency, rule, kind, reason, facts, status, due_at, history, workflow_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'SENT', $9, $10, $11, $12, $12)
           ON CONFLICT (case_id, to_agency, rule) DO NOTHING RETURNING id`,
          [id, caseId, record.owningAgency, d.toAgency, d.rule, d.kind, d.reason, d.facts,
            new Date(now.getTime() + this.ackDueAfterMs), JSON.stringify(history), referralWorkflowId(id), now],
        );
        if (inserted.length === 0) continue;
        await tx.query(
          `INSERT INTO disseminations (id, case_id, recipient_agency, reason, referral_id, disseminated_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [uuidFrom(`dissemination\n${id}`), caseId, d.toAgency, `referral ${d.rule} (${d.kind}): ${d.reason}`, id, now],
        );
        const referral = (await this.load(tx, [id]))[0];
        await this.announce(tx, referral, 'referral.sent', null, { rule: d.rule, toAgency: d.toAgency, reason: d.reason });
      }
      await this.noteLapsedFacts(tx, caseId, new Set(decisions.map((d) => `${d.rule}:${d.toAgency}`)), now);
      const all = await tx.query('SELECT id, workflow_id, rule FROM referrals WHERE case_id = $1 ORDER BY created_at, id', [caseId]);
      return all.map((r: Row) => ({ referralId: r.id, workflowId: r.workflow_id, ackDueAfterMs: this.ackDueAfterMs, rule: r.rule }));
    });
  }

  /** A referral is never withdrawn when its facts stop holding; the history says so once. */
  private async noteLapsedFacts(tx: EntityManager, caseId: string, stillHolding: Set<string>, now: Date): Promise<void> {
    const open: Row[] = await tx.query(`SELECT id, rule, to_agency, history FROM referrals WHERE case_id = $1 FOR UPDATE`, [caseId]);
    for (const r of open) {
      const noted = (r.history as HistoryEntry[]).some((h) => h.status === 'NOTED');
      if (stillHolding.has(`${r.rule}:${r.to_agency}`) || noted) continue;
      const entry: HistoryEntry = { status: 'NOTED', action: 'FACTS_NO_LONGER_HOLD', actor: 'system', agency: null, at: now.toISOString(), note: `the facts behind ${r.rule} no longer hold; the referral stands` };
      await tx.query(`UPDATE referrals SET history = history || $2::jsonb, updated_at = $3 WHERE id = $1`, [r.id, JSON.stringify([entry]), now]);
    }
  }

  /**
   * Moves a referral one step. Retried with the same outcome already applied (a retried activity), it answers the
   * referral as it stands; any other transition the state machine refuses is an InvalidReferralTransition.
   */
  async transition(referralId: string, action: ReferralAction, actor: ReferralActor | null, note?: string): Promise<ReferralRecord> {
    return this.dataSource.transaction(async (tx) => {
      const rows: Row[] = await tx.query(`${SELECT} WHERE r.id = $1 FOR UPDATE OF r`, [referralId]);
      if (rows.length === 0) throw new Error(`referral ${referralId} not found`);
      const current = toRecord(rows[0]);
      const next = nextReferralStatus(current.status, action);
      if (next === null) {
        const last = current.history[current.history.length - 1];
        if (last?.action === action && last.actor === (actor?.username ?? 'system')) return current;
        throw new InvalidReferralTransition(current.status, action);
      }
      const at = new Date();
      const entry: HistoryEntry = {
        status: next, action, actor: actor?.username ?? 'system', agency: actor?.agency ?? null, at: at.toISOString(),
        ...(note ? { note } : {}),
      };
      await tx.query(`UPDATE referrals SET status = $2, history = history || $3::jsonb, updated_at = $4 WHERE id = $1`,
        [referralId, next, JSON.stringify([entry]), at]);
      if (action === 'ACCEPT' && actor) {
        await this.cases.grantShare(tx, current.caseId, current.toAgency, `accepted referral ${current.rule} (${current.kind})`, actor);
      }
      const updated = (await this.load(tx, [referralId]))[0];
      await this.announce(tx, updated, ACTION_VERB[action], actor, { from: current.status, to: next, ...(note ? { note } : {}) });
      return updated;
    });
  }

  async findById(id: string): Promise<ReferralRecord | null> {
    return (await this.load(this.dataSource.manager, [id]))[0] ?? null;
  }

  async forCase(caseId: string): Promise<ReferralRecord[]> {
    const rows: Row[] = await this.dataSource.query(`${SELECT} WHERE r.case_id = $1 ORDER BY r.created_at, r.id`, [caseId]);
    return rows.map(toRecord);
  }

  /**
   * The receiving agency's inbox. `urgency` (the officer's console): overdue acknowledgements (escalated, or past due
   * and not yet escalated), then the other open referrals, then the worked ones; oldest first within each. `newest`
   * (the default): newest first. `asOf` is the instant "overdue" is judged at, fixed for all pages of one listing;
   * `after` is the last row of the previous page.
   */
  async inbox(agency: string, filter: InboxFilter, limit: number, asOf: Date, after?: InboxKey): Promise<(ReferralRecord & { rank: number })[]> {
    const urgency = filter.sort === 'urgency';
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT r.*, c.case_number, c.lead_agent_id,
                CASE WHEN r.status = 'ESCALATED' OR (r.status = 'SENT' AND r.due_at <= $4) THEN 0
                     WHEN r.status IN ('SENT', 'ACKNOWLEDGED') THEN 1 ELSE 2 END AS rank
         FROM referrals r JOIN cases c ON c.id = r.case_id
         WHERE r.to_agency = $1 AND ($2::text IS NULL OR r.status = $2) AND ($3::text IS NULL OR upper(c.case_number) = upper($3))
       ) inbox
       WHERE $5::int IS NULL OR ${urgency ? '(rank, created_at, id) > ($5::int, $6::timestamptz, $7::uuid)' : '(created_at, id) < ($6::timestamptz, $7::uuid)'}
       ORDER BY ${urgency ? 'rank, created_at, id' : 'created_at DESC, id DESC'} LIMIT $8`,
      [agency, filter.status ?? null, filter.caseNumber ?? null, asOf, after?.rank ?? null, after?.createdAt ?? null, after?.id ?? null, limit]);
    return rows.map((r) => ({ ...toRecord(r), rank: Number(r.rank) }));
  }

  private async roles(tx: EntityManager): Promise<ReferralRole[]> {
    return tx.query('SELECT rule, kind, agency_code AS agency FROM referral_roles');
  }

  private async load(tx: EntityManager, ids: string[]): Promise<ReferralRecord[]> {
    const rows: Row[] = await tx.query(`${SELECT} WHERE r.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toRecord);
  }

  /** Audit entry, and a notification to the receiving agency's referral officers and the sending case's lead agent. */
  private async announce(tx: EntityManager, referral: ReferralRecord, action: string, actor: ReferralActor | null, details: Record<string, unknown>): Promise<void> {
    await this.audit.append({
      actor: actor?.username ?? 'system', agency: actor?.agency ?? null, action, entityType: 'referral', entityId: referral.id,
      details: { caseId: referral.caseId, ...details }, dedupKey: `${action}:${referral.id}:${referral.history.length}`,
    }, tx);
    const officers: { id: string }[] = await tx.query(
      `SELECT id FROM users WHERE agency_code = $1 AND 'REFERRAL_OFFICER' = ANY(roles)`, [referral.toAgency]);
    const recipients = new Set([...officers.map((o) => o.id), referral.leadAgentId]);
    await this.notifications.push(tx, [...recipients].map((userId) => ({
      userId, kind: action, entityType: 'referral', entityId: referral.id, payload: { referral: referralView(referral) },
      dedupKey: `${action}:${referral.id}:${referral.history.length}`,
    })));
  }
}

/** api.md "Referrals". */
export function referralView(r: ReferralRecord) {
  return {
    id: r.id, caseId: r.caseId, caseNumber: r.caseNumber, fromAgency: r.fromAgency, toAgency: r.toAgency, kind: r.kind,
    rule: r.rule, reason: r.reason, facts: r.facts, status: r.status, dueAt: r.dueAt.toISOString(), history: r.history,
    createdAt: r.createdAt.toISOString(),
  };
}
