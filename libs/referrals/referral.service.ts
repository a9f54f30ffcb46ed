import { DataSource, EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { CaseService } from '../cases/case.service';
import { uuidFrom } from '../common/deterministic-id';
import type { PacketIds, ReferralStart } from '../contracts/referrals';
import { referralWorkflowId } from '../contracts/workflows';
import { assertDefined } from '../db/sql';
import { NotificationStore } from '../notifications/notification-store';
import { defaultPacket, foreignItems } from './referral-packet';
import { ReferralPacketRepository } from './referral-packet.repository';
import type { ReasonLang } from './referral-reasons';
import {
  evaluateReferralRules, evaluationWrites, lapsedReferrals, nextReferralStatus, ReferralAction, ReferralDecision, ReferralStatus,
  SentRuleReferral,
} from './referral-rules';
import { EvaluationGlance, HistoryEntry, InboxFilter, InboxKey, ReferralRecord, ReferralRepository } from './referral.repository';
import { referralDetailView, referralView } from './referral-view';

export type { HistoryEntry, InboxFilter, InboxKey, InboxSort, ReferralRecord } from './referral.repository';
export { localizedReferralView, referralView } from './referral-view';

/** Why a manual referral is refused, checked before anything is written. */
export type ManualReferralRefusal =
  | { code: 'CASE_CLOSED' } | { code: 'UNKNOWN_AGENCY' } | { code: 'OWN_AGENCY' }
  | { code: 'FOREIGN_ITEMS'; items: { kind: keyof PacketIds; ids: string[] }[] }
  | { code: 'ALREADY_OPEN'; referralId: string; status: ReferralStatus };

export class ManualReferralRefused extends Error {
  constructor(readonly refusal: ManualReferralRefusal) {
    super(`manual referral refused: ${refusal.code}`);
  }
}

export interface ManualReferralRequest { id: string; caseId: string; toAgency: string; reason: string; packet: PacketIds }

export interface ReferralActor { userId: string; username: string; agency: string }

export class InvalidReferralTransition extends Error {
  constructor(readonly current: ReferralStatus, action: ReferralAction) {
    super(`cannot ${action.toLowerCase()} a referral that is ${current}`);
  }
}

const ACTION_VERB: Record<ReferralAction, string> = {
  ACKNOWLEDGE: 'referral.acknowledged', ACCEPT: 'referral.accepted', DECLINE: 'referral.declined', ESCALATE: 'referral.escalated',
  WITHDRAW: 'referral.withdrawn',
};

/**
 * Referral use cases shared by the case and referral workflows' activities and the API: each runs in one transaction
 * with its audit entries and notifications; the SQL is ReferralRepository's.
 */
/** R1-R4 on the case as evaluation read it. */
const decide = (glance: EvaluationGlance): ReferralDecision[] =>
  evaluateReferralRules({ owningAgency: glance.owningAgency, flags: glance.flags, ...glance.facts }, glance.facts.roles);

export class ReferralService {
  private readonly referrals = new ReferralRepository();
  private readonly packets = new ReferralPacketRepository();

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
   * Most evaluations write nothing (no rule applies, or every referral is sent and its facts hold): one read decides
   * that, and only an evaluation with something to write opens a transaction, where it reads again under lock (issue
   * 20: a BEGIN, three reads and a COMMIT on every intake became one read).
   */
  async evaluateCase(caseId: string): Promise<ReferralStart[]> {
    const glance = await this.referrals.evaluationGlance(this.dataSource, caseId);
    if (!glance || glance.status === 'CLOSED') return [];
    if (!evaluationWrites(glance.sent, decide(glance))) return glance.sent.map((r) => this.startOf(r));
    return this.dataSource.transaction(async (tx) => {
      // Read again in the transaction: the case may have changed since the glance.
      const record = await this.referrals.evaluationGlance(tx, caseId);
      if (!record || record.status === 'CLOSED') return [];
      const decisions = decide(record);
      const now = new Date();
      const items = decisions.length > 0 ? await this.packets.itemKinds(tx, caseId) : null;
      for (const d of decisions) {
        const id = uuidFrom(`referral\n${caseId}\n${d.toAgency}\n${d.rule}`);
        const history: HistoryEntry[] = [{ status: 'SENT', action: 'SEND', actor: 'system', agency: record.owningAgency, at: now.toISOString(), note: d.reason }];
        const packet = defaultPacket(d.rule, assertDefined(items, 'case items'), record.flags, now);
        const inserted = await this.referrals.insert(tx, {
          id, caseId, fromAgency: record.owningAgency, decision: d, dueAt: new Date(now.getTime() + this.ackDueAfterMs), history,
          workflowId: referralWorkflowId(id), at: now, packet,
        });
        if (!inserted) continue;
        await this.referrals.insertDissemination(tx, {
          id: uuidFrom(`dissemination\n${id}`), caseId, recipientAgency: d.toAgency, reason: `referral ${d.rule} (${d.kind}): ${d.reason}`,
          referralId: id, at: now, disclosedBy: 'system', items: packet,
        });
        await this.announce(tx, await this.load(tx, id), 'referral.sent', null, { rule: d.rule, toAgency: d.toAgency, reason: d.reason, packet });
      }
      // The locked rows include the ones just inserted (same transaction): every referral whose workflow must run.
      const all = await this.noteLapsedFacts(tx, caseId, decisions, now);
      return all.map((r) => this.startOf(r));
    });
  }

  private startOf(r: SentRuleReferral): ReferralStart {
    return { referralId: r.id, workflowId: r.workflowId, ackDueAfterMs: this.ackDueAfterMs, rule: r.rule };
  }

  /**
   * A case agent refers the case to another agency (issue 18), disclosing the items they chose. Checked before anything
   * is written: the case open, the agency known and not the owner, every item the case's, no referral to that agency
   * still open. Recorded like a rule's: dissemination (who disclosed which items), audit entry, notifications. Runs in
   * the caller's transaction (the API's, which holds the Idempotency-Key); the API starts its workflow after commit.
   */
  async openManual(tx: EntityManager, request: ManualReferralRequest, actor: ReferralActor): Promise<ReferralStart & { referral: ReferralRecord }> {
    const refuse = (refusal: ManualReferralRefusal): never => { throw new ManualReferralRefused(refusal); };
    const record = assertDefined(await this.cases.findById(request.caseId, tx), `case ${request.caseId}`);
    if (record.status === 'CLOSED') refuse({ code: 'CASE_CLOSED' });
    if (!(await this.packets.agencyExists(tx, request.toAgency))) refuse({ code: 'UNKNOWN_AGENCY' });
    if (request.toAgency === record.owningAgency) refuse({ code: 'OWN_AGENCY' });
    const foreign = foreignItems(request.packet, await this.packets.itemKinds(tx, request.caseId));
    if (foreign.length > 0) refuse({ code: 'FOREIGN_ITEMS', items: foreign });
    const [open] = await this.referrals.openTo(tx, request.caseId, request.toAgency);
    if (open) refuse({ code: 'ALREADY_OPEN', referralId: open.id, status: open.status });

    const now = new Date();
    const { id } = request;
    await this.referrals.insertManual(tx, {
      id, caseId: request.caseId, fromAgency: record.owningAgency, toAgency: request.toAgency, reason: request.reason,
      packet: request.packet, sentBy: actor.userId, dueAt: new Date(now.getTime() + this.ackDueAfterMs), workflowId: referralWorkflowId(id), at: now,
      history: [{ status: 'SENT', action: 'SEND', actor: actor.username, agency: actor.agency, at: now.toISOString(), note: request.reason }],
    });
    await this.referrals.insertDissemination(tx, {
      id: uuidFrom(`dissemination\n${id}`), caseId: request.caseId, recipientAgency: request.toAgency, reason: `manual referral: ${request.reason}`,
      referralId: id, at: now, disclosedBy: actor.username, items: request.packet,
    });
    const referral = await this.load(tx, id);
    await this.announce(tx, referral, 'referral.sent', actor, { rule: null, kind: 'MANUAL', toAgency: request.toAgency, reason: request.reason, packet: request.packet });
    return { referralId: id, workflowId: referral.workflowId, ackDueAfterMs: this.ackDueAfterMs, referral };
  }

  /** The referral with its packet's contents and the sender's contact: what the receiving officer decides on. */
  async detail(referral: ReferralRecord, lang: ReasonLang) {
    const [contents, sender] = await Promise.all([
      this.packets.contents(this.dataSource, referral.caseId, referral.packet),
      this.packets.sender(this.dataSource, referral.sentBy ?? referral.leadAgentId),
    ]);
    return referralDetailView(referral, contents, sender, lang);
  }

  /** A referral is never withdrawn when its facts stop holding; the history says so once. Answers the case's rules' referrals. */
  private async noteLapsedFacts(tx: EntityManager, caseId: string, decisions: ReferralDecision[], now: Date) {
    const locked = await this.referrals.lockForCase(tx, caseId);
    for (const r of lapsedReferrals(locked, decisions)) {
      const entry: HistoryEntry = { status: 'NOTED', action: 'FACTS_NO_LONGER_HOLD', actor: 'system', agency: null, at: now.toISOString(), note: `the facts behind ${r.rule} no longer hold; the referral stands` };
      await this.referrals.appendHistory(tx, r.id, entry, now);
    }
    return locked;
  }

  /**
   * Moves a referral one step. Retried with the same outcome already applied (a retried activity), it answers the
   * referral as it stands; any other transition the state machine refuses is an InvalidReferralTransition.
   */
  async transition(referralId: string, action: ReferralAction, actor: ReferralActor | null, note?: string): Promise<ReferralRecord> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.referrals.lock(tx, referralId);
      if (!current) throw new Error(`referral ${referralId} not found`);
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
      await this.referrals.appendHistory(tx, referralId, entry, at, next);
      if (action === 'ACCEPT' && actor) {
        const what = current.rule ? `referral ${current.rule} (${current.kind})` : 'manual referral';
        await this.cases.grantShare(tx, current.caseId, current.toAgency, `accepted ${what}`, actor);
      }
      const updated = await this.load(tx, referralId);
      await this.announce(tx, updated, ACTION_VERB[action], actor, { from: current.status, to: next, ...(note ? { note } : {}) });
      return updated;
    });
  }

  /** The referral's workflow runs: from now on its steps can be taken, and its receiving agency's inbox lists it. */
  async markWorkflowStarted(referralId: string): Promise<void> {
    await this.referrals.markWorkflowStarted(this.dataSource, referralId);
  }

  async findById(id: string): Promise<ReferralRecord | null> {
    return (await this.referrals.find(this.dataSource, id)) ?? null;
  }

  /** The case's referrals to this agency not yet in a final state. */
  async openTo(caseId: string, agency: string) {
    return this.referrals.openTo(this.dataSource, caseId, agency);
  }

  async forCase(caseId: string): Promise<ReferralRecord[]> {
    return this.referrals.forCase(this.dataSource, caseId);
  }

  /**
   * The receiving agency's inbox. `urgency` (the officer's console): overdue acknowledgements (escalated, or past due
   * and not yet escalated), then the other open referrals, then the worked ones; oldest first within each. `newest`
   * (the default): newest first. `asOf` is the instant "overdue" is judged at, fixed for all pages of one listing;
   * `after` is the last row of the previous page.
   */
  async inbox(agency: string, filter: InboxFilter, limit: number, asOf: Date, after?: InboxKey): Promise<(ReferralRecord & { rank: number })[]> {
    return this.referrals.inbox(this.dataSource, agency, filter, limit, asOf, after);
  }

  /** A referral this transaction wrote or locked. */
  private async load(tx: EntityManager, id: string): Promise<ReferralRecord> {
    return assertDefined(await this.referrals.find(tx, id), `referral ${id}`);
  }

  /** Audit entry, and a notification to the receiving agency's referral officers and the sending case's lead agent. */
  private async announce(
    tx: EntityManager, referral: ReferralRecord, action: string, actor: ReferralActor | null, details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.append({
      actor: actor?.username ?? 'system', agency: actor?.agency ?? null, action, entityType: 'referral', entityId: referral.id,
      details: { caseId: referral.caseId, ...details }, dedupKey: `${action}:${referral.id}:${referral.history.length}`,
    }, tx);
    const officers = await this.referrals.referralOfficers(tx, referral.toAgency);
    const recipients = new Set([...officers, referral.leadAgentId, ...(referral.sentBy ? [referral.sentBy] : [])]);
    await this.notifications.push(tx, [...recipients].map((userId) => ({
      userId, kind: action, entityType: 'referral', entityId: referral.id, payload: { referral: referralView(referral) },
      dedupKey: `${action}:${referral.id}:${referral.history.length}`,
    })));
  }
}
