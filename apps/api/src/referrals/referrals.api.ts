import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead, ReadRecord } from '../../../../libs/audit/read-audit';
import type { AuthUser } from '../../../../libs/auth/roles';
import { assertDefined } from '../../../../libs/db/sql';
import type { ReferralStepRequest, ReferralWorkflowState } from '../../../../libs/contracts/referrals';
import type { Lang } from '../../../../libs/http/problem';
import { InboxFilter, localizedReferralView, ReferralRecord, ReferralService } from '../../../../libs/referrals/referral.service';
import {
  acceptReferralUpdate, acknowledgeReferralUpdate, declineReferralUpdate, withdrawReferralUpdate,
} from '../../../../libs/contracts/messages/referral';
import { CasesApi } from '../cases/cases.api';
import { AccessPolicy } from '../common/access-policy';
import { actorOf } from '../common/actor';
import { ApiError } from '../common/api-error';
import { foreignCursor } from '../common/cursor';
import { failureProblem } from '../common/failure-problems';
import { M } from '../common/messages';
import { inboxCursor } from './inbox-cursor';
import { RM } from './referral-messages';
import { TemporalService, WorkflowRejection } from '../infra/temporal.service';

type Step = 'acknowledge' | 'accept' | 'decline' | 'withdraw';
const UPDATES: Record<Step, UpdateDefinition<ReferralWorkflowState, [ReferralStepRequest]>> = {
  acknowledge: acknowledgeReferralUpdate, accept: acceptReferralUpdate, decline: declineReferralUpdate, withdraw: withdrawReferralUpdate,
};

const referralRead = (r: ReferralRecord): ReadRecord => ({ id: r.id, agencies: [r.fromAgency] });

@Injectable()
export class ReferralsApi {
  constructor(
    private readonly referrals: ReferralService,
    private readonly cases: CasesApi,
    private readonly audit: AuditStore,
    private readonly temporal: TemporalService,
    private readonly access: AccessPolicy,
  ) {}

  async forCase(user: AuthUser, caseId: string, lang: Lang) {
    await this.cases.readAccess(user, caseId, 'case.referrals_read_shared');
    return { items: (await this.referrals.forCase(caseId)).map((r) => localizedReferralView(r, lang)) };
  }

  /**
   * The inbox of the caller's agency, newest or most urgent first (ReferralService.inbox), paged by keyset. It holds other
   * agencies' case facts (a rule never refers a case to its owner), so each read is audited.
   */
  async inbox(user: AuthUser, filter: InboxFilter, limit: number, cursor: string | undefined, lang: Lang) {
    const sort = filter.sort ?? 'newest';
    const after = inboxCursor.parse(cursor);
    if (after && after.sort !== sort) throw foreignCursor();
    const asOf = after?.asOf ?? new Date();
    const rows = await this.referrals.inbox(user.agency, { ...filter, sort }, limit + 1, asOf, after);
    const page = rows.slice(0, limit);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'referral', ground: 'other_agency', list: true }, page.map(referralRead));
    const last = page[page.length - 1];
    return {
      items: await this.withPackets(page, lang),
      nextCursor: rows.length > limit ? inboxCursor.encode({ sort, asOf, rank: last.rank, createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  /** Each with its packet and sender: the officer decides from the inbox, before accepting. One at a time, so a full
   * page never holds more than one pooled connection at once. */
  private async withPackets(page: ReferralRecord[], lang: Lang) {
    const items = [];
    for (const referral of page) items.push(await this.referrals.detail(referral, lang));
    return items;
  }

  /**
   * The receiving agency works the referral; the sending agency may read it too. Others get 404 (audited). A referral
   * holds the sending agency's case facts, so the receiving side's read is audited.
   */
  async get(user: AuthUser, id: string, lang: Lang) {
    const referral = await this.findFor(user, id, ['to', 'from']);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'referral', ground: 'other_agency' }, [referralRead(referral)]);
    return this.referrals.detail(referral, lang);
  }

  /**
   * The sending agency takes its referral back until it is accepted or declined (then 409): through the referral's
   * workflow, which ends. The receiving agency, which reads the referral, gets 403; anyone else 404 (both audited).
   */
  async withdraw(user: AuthUser, id: string, reason: string, lang: Lang) {
    const referral = await this.referrals.findById(id);
    if (referral && referral.toAgency === user.agency && referral.fromAgency !== user.agency) {
      throw await this.access.forbidden(user, { entityType: 'referral', entityId: id, reason: 'not the sending agency' }, RM.withdrawnOnlyBySender, { id });
    }
    await this.findFor(user, id, ['from']);
    return this.step(user, id, 'withdraw', lang, reason);
  }

  /**
   * Steps go through the referral's workflow; a step its state machine refuses is 409 with the current state. A
   * referral whose row does not yet say its workflow runs (`starting` in its view) is tried all the same, since a
   * just-started workflow may not have marked it yet; if no workflow answers, it is 503 with Retry-After, at once.
   */
  async step(user: AuthUser, id: string, step: Step, lang: Lang, note?: string) {
    const referral = await this.findFor(user, id, step === 'withdraw' ? ['from'] : ['to']);
    try {
      await this.temporal.executeUpdate(referral.workflowId, UPDATES[step], { actor: actorOf(user), ...(note ? { note } : {}) }, `${step}-${randomUUID()}`);
    } catch (error) {
      if (!(error instanceof WorkflowRejection)) throw error;
      const current = (await this.referrals.findById(id)) ?? referral;
      throw failureProblem(error, {
        id,
        conflict: () => new ApiError('Conflict', M.referralTransition, { id, step, status: current.status }, { body: { currentStatus: current.status } }),
        // The row is marked once the workflow runs: a missing workflow of a marked referral has completed and refuses
        // the step like any final state; of an unmarked one, it has not started yet (the relay starts it if need be).
        finished: current.workflowStartedAt !== null,
        starting: () => new ApiError('Unavailable', M.referralStarting, { id }, { headers: { 'retry-after': '1' } }),
      });
    }
    return localizedReferralView(assertDefined(await this.referrals.findById(id), `referral ${id}`), lang);
  }

  private async findFor(user: AuthUser, id: string, sides: ('to' | 'from')[]): Promise<ReferralRecord> {
    const referral = await this.referrals.findById(id);
    const visible = referral && ((sides.includes('to') && referral.toAgency === user.agency)
      || (sides.includes('from') && referral.fromAgency === user.agency));
    if (!visible) {
      const refused = { entityType: 'referral', entityId: id, reason: sides.includes('to') ? 'not the receiving agency' : 'not the sending agency', exists: referral !== null };
      throw await this.access.hidden(user, refused, M.referralNotFound);
    }
    return referral;
  }
}
