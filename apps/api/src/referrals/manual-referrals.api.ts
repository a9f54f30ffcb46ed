import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CaseService } from '../../../../libs/cases/case.service';
import { sqlStateOf } from '../../../../libs/db/sql-state';
import { normalizedPacket } from '../../../../libs/referrals/referral-packet';
import { ONE_OPEN_MANUAL_INDEX } from '../../../../libs/referrals/referral.repository';
import {
  ManualReferralRefusal, ManualReferralRefused, ReferralService, referralView,
} from '../../../../libs/referrals/referral.service';
import { AccessPolicy } from '../common/access-policy';
import { actorOf } from '../common/actor';
import { ApiError, fieldError } from '../common/api-error';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { M } from '../common/messages';
import { RecordWorkflows } from '../infra/record-workflows';
import type { CreateReferralDto } from './dto/manual-referral.dto';
import { FIELD, RM } from './referral-messages';

const field = (name: string, [en, es]: readonly [string, string], ids = '') =>
  fieldError(name, en.replace('{ids}', ids), es.replace('{ids}', ids));

/** Each refusal of a manual referral as the HTTP answer a client can act on. */
function refusalProblem(caseId: string, toAgency: string, refusal: ManualReferralRefusal): ApiError {
  switch (refusal.code) {
    case 'CASE_CLOSED': return new ApiError('Conflict', M.caseClosed, { id: caseId });
    case 'UNKNOWN_AGENCY': return field('toAgency', FIELD.unknownAgency);
    case 'OWN_AGENCY': return field('toAgency', FIELD.ownAgency);
    case 'FOREIGN_ITEMS': {
      const [first] = refusal.items;
      return field(`packet.${first.kind}`, FIELD.foreignItems, refusal.items.flatMap((k) => k.ids).join(', '));
    }
    case 'ALREADY_OPEN':
      return new ApiError('Conflict', RM.alreadyOpen, { caseId, agency: toAgency, referralId: refusal.referralId, status: refusal.status },
        { body: { referralId: refusal.referralId, currentStatus: refusal.status } });
  }
}

/**
 * Referrals opened by case agents (issue 18): the owning agency's agents refer their case to any agency they choose,
 * with the packet of items they disclose. The row, its dissemination, audit entry, notifications and the
 * Idempotency-Key's answer commit together; the referral's workflow (the same clock and escalation as a rule's) is
 * started after commit through the registry, and the worker's relay starts it if Temporal was away.
 */
@Injectable()
export class ManualReferralsApi {
  constructor(
    private readonly referrals: ReferralService,
    private readonly cases: CaseService,
    private readonly idempotency: IdempotencyService,
    private readonly workflows: RecordWorkflows,
    private readonly access: AccessPolicy,
  ) {}

  async open(user: AuthUser, caseId: string, dto: CreateReferralDto, key: string | undefined): Promise<IdempotentOutcome> {
    await this.requireOwner(user, caseId);
    const toAgency = dto.toAgency.trim().toUpperCase();
    const hash = IdempotencyService.requestHash(`POST /cases/${caseId}/referrals`, dto);
    const request = { id: randomUUID(), caseId, toAgency, reason: dto.reason.trim(), packet: normalizedPacket(dto.packet) };
    let ackDueAfterMs = 0;
    const outcome = await this.idempotency.inTransaction(user.userId, key, hash, async (tx) => {
      const opened = await this.referrals.openManual(tx, request, actorOf(user)).catch((error: unknown) => {
        if (error instanceof ManualReferralRefused) throw refusalProblem(caseId, toAgency, error.refusal);
        throw error;
      });
      ackDueAfterMs = opened.ackDueAfterMs;
      return { status: 201, body: { ...referralView(opened.referral) } };
    }).catch(async (error: unknown) => {
      // Two requests raced past the check: the index keeps one open manual referral per agency.
      if (sqlStateOf(error) !== '23505' || !String((error as { driverError?: { constraint?: string } }).driverError?.constraint).includes(ONE_OPEN_MANUAL_INDEX)) throw error;
      const [open] = await this.referrals.openTo(caseId, toAgency);
      throw refusalProblem(caseId, toAgency, { code: 'ALREADY_OPEN', referralId: open?.id ?? 'unknown', status: open?.status ?? 'SENT' });
    });
    if (!outcome.replayed) await this.workflows.start('referralWorkflow', request.id, { referralId: request.id, ackDueAfterMs });
    return outcome;
  }

  /** Only the owning agency refers its case: an agency it is shared with gets 403, anyone else 404 (both audited). */
  private requireOwner(user: AuthUser, caseId: string): Promise<void> {
    return this.access.requireOwner(user, {
      entityType: 'case', entityId: caseId, notFound: M.caseNotFound,
      accessFor: () => this.cases.accessFor(caseId, user.agency), exists: () => this.cases.exists(caseId),
    });
  }
}
