import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead, ReadRecord } from '../../../../libs/audit/read-audit';
import type { AuthUser } from '../../../../libs/auth/roles';
import { assertDefined } from '../../../../libs/db/sql';
import type { ReferralStepRequest, ReferralWorkflowState } from '../../../../libs/contracts/referrals';
import { InboxFilter, ReferralRecord, ReferralService, referralView } from '../../../../libs/referrals/referral.service';
import { acceptReferralUpdate, acknowledgeReferralUpdate, declineReferralUpdate } from '../../../../libs/contracts/messages/referral';
import { CasesApi } from '../cases/cases.api';
import { AccessPolicy } from '../common/access-policy';
import { actorOf } from '../common/actor';
import { ApiError } from '../common/api-error';
import { foreignCursor } from '../common/cursor';
import { failureProblem } from '../common/failure-problems';
import { M } from '../common/messages';
import { inboxCursor } from './inbox-cursor';
import { TemporalService, WorkflowRejection } from '../infra/temporal.service';

type Step = 'acknowledge' | 'accept' | 'decline';
const UPDATES: Record<Step, UpdateDefinition<ReferralWorkflowState, [ReferralStepRequest]>> = {
  acknowledge: acknowledgeReferralUpdate, accept: acceptReferralUpdate, decline: declineReferralUpdate,
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

  async forCase(user: AuthUser, caseId: string) {
    await this.cases.readAccess(user, caseId, 'case.referrals_read_shared');
    return { items: (await this.referrals.forCase(caseId)).map(referralView) };
  }

  /**
   * The inbox of the caller's agency, newest or most urgent first (ReferralService.inbox), paged by keyset. It holds other
   * agencies' case facts (a rule never refers a case to its owner), so each read is audited.
   */
  async inbox(user: AuthUser, filter: InboxFilter, limit: number, cursor: string | undefined) {
    const sort = filter.sort ?? 'newest';
    const after = inboxCursor.parse(cursor);
    if (after && after.sort !== sort) throw foreignCursor();
    const asOf = after?.asOf ?? new Date();
    const rows = await this.referrals.inbox(user.agency, { ...filter, sort }, limit + 1, asOf, after);
    const page = rows.slice(0, limit);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'referral', ground: 'other_agency', list: true }, page.map(referralRead));
    const last = page[page.length - 1];
    return {
      items: page.map(referralView),
      nextCursor: rows.length > limit ? inboxCursor.encode({ sort, asOf, rank: last.rank, createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  /**
   * The receiving agency works the referral; the sending agency may read it too. Others get 404 (audited). A referral
   * holds the sending agency's case facts, so the receiving side's read is audited.
   */
  async get(user: AuthUser, id: string) {
    const referral = await this.findFor(user, id, ['to', 'from']);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'referral', ground: 'other_agency' }, [referralRead(referral)]);
    return referralView(referral);
  }

  /** Steps go through the referral's workflow; a step its state machine refuses is 409 with the current state. */
  async step(user: AuthUser, id: string, step: Step, note?: string) {
    const referral = await this.findFor(user, id, ['to']);
    try {
      await this.temporal.executeUpdate(referral.workflowId, UPDATES[step], {
        actor: actorOf(user), ...(note ? { note } : {}),
      }, `${step}-${randomUUID()}`);
    } catch (error) {
      if (!(error instanceof WorkflowRejection)) throw error;
      const { status } = (await this.referrals.findById(id)) ?? referral;
      throw failureProblem(error, {
        id,
        conflict: () => new ApiError('Conflict', M.referralTransition, { id, step, status }, { body: { currentStatus: status } }),
        // The row is saved before the case workflow starts the referral's own workflow: in that gap (about a second) no
        // step can be taken yet. Past SENT, a missing workflow has completed and refuses the step like any final state.
        finished: status !== 'SENT',
        starting: () => new ApiError('Unavailable', M.referralStarting, { id }, { headers: { 'retry-after': '1' } }),
      });
    }
    return referralView(assertDefined(await this.referrals.findById(id), `referral ${id}`));
  }

  private async findFor(user: AuthUser, id: string, sides: ('to' | 'from')[]): Promise<ReferralRecord> {
    const referral = await this.referrals.findById(id);
    const visible = referral && ((sides.includes('to') && referral.toAgency === user.agency)
      || (sides.includes('from') && referral.fromAgency === user.agency));
    if (!visible) {
      const refused = { entityType: 'referral', entityId: id, reason: 'not the receiving agency', exists: referral !== null };
      throw await this.access.hidden(user, refused, M.referralNotFound);
    }
    return referral;
  }
}
