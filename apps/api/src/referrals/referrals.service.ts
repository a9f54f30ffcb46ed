import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead, ReadRecord } from '../../../../libs/audit/read-audit';
import type { AuthUser } from '../../../../libs/auth/roles';
import type { ReferralStepRequest, ReferralWorkflowState } from '../../../../libs/contracts/referrals';
import { FailureType } from '../../../../libs/contracts/temporal';
import { InboxFilter, ReferralRecord, ReferralService, referralView } from '../../../../libs/referrals/referral.service';
import { acceptReferralUpdate, acknowledgeReferralUpdate, declineReferralUpdate } from '../../../../libs/contracts/messages/referral';
import { CasesService } from '../cases/cases.service';
import { ApiError, fieldError } from '../common/api-error';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor';
import { M } from '../common/messages';
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
    private readonly cases: CasesService,
    private readonly audit: AuditStore,
    private readonly temporal: TemporalService,
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
    const after = cursor === undefined ? undefined : decodeInboxCursor(cursor);
    if (after === null || (after && after.sort !== sort)) throw fieldError('cursor', 'is not a cursor this API issued', 'no es un cursor emitido por esta API');
    const asOf = after?.asOf ?? new Date();
    const rows = await this.referrals.inbox(user.agency, { ...filter, sort }, limit + 1, asOf, after);
    const page = rows.slice(0, limit);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'referral', ground: 'other_agency', list: true }, page.map(referralRead));
    const last = page[page.length - 1];
    return {
      items: page.map(referralView),
      nextCursor: rows.length > limit ? encodeInboxCursor({ sort, asOf, rank: last.rank, createdAt: last.createdAt, id: last.id }) : null,
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
        actor: { userId: user.userId, username: user.username, agency: user.agency }, ...(note ? { note } : {}),
      }, `${step}-${randomUUID()}`);
    } catch (error) {
      if (!(error instanceof WorkflowRejection)) throw error;
      const current = (await this.referrals.findById(id)) ?? referral;
      if (error.type === FailureType.InvalidReferralTransition) {
        throw new ApiError('Conflict', M.referralTransition, { id, step, status: current.status }, { body: { currentStatus: current.status } });
      }
      if (error.type === FailureType.CaseNotFound && current.status === 'SENT') {
        // The row is saved before the case workflow starts the referral's own workflow: in that gap (about a second) no
        // step can be taken yet, which is neither the caller's fault nor a transition the state machine refused.
        throw new ApiError('Unavailable', M.referralStarting, { id }, { headers: { 'retry-after': '1' } });
      }
      if (error.type === FailureType.CaseNotFound) {
        // A worked referral's workflow has completed: the step is refused like any other from a final state.
        throw new ApiError('Conflict', M.referralTransition, { id, step, status: current.status }, { body: { currentStatus: current.status } });
      }
      throw error;
    }
    return referralView((await this.referrals.findById(id)) as ReferralRecord);
  }

  private async findFor(user: AuthUser, id: string, sides: ('to' | 'from')[]): Promise<ReferralRecord> {
    const referral = await this.referrals.findById(id);
    const visible = referral && ((sides.includes('to') && referral.toAgency === user.agency)
      || (sides.includes('from') && referral.fromAgency === user.agency));
    if (!visible) {
      if (referral) {
        await this.audit.append({
          actor: user.username, agency: user.agency, action: 'access.denied', entityType: 'referral', entityId: id,
          details: { reason: 'not the receiving agency' },
        });
      }
      throw new ApiError('NotFound', M.referralNotFound, { id });
    }
    return referral;
  }
}
