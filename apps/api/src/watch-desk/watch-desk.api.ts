import { Injectable } from '@nestjs/common';
import { auditCrossAgencyRead } from '../../../../libs/audit/read-audit';
import { AuditStore } from '../../../../libs/audit/audit-store';
import type { AuthUser } from '../../../../libs/auth/roles';
import { HitRepository } from '../../../../libs/deconfliction/hit.repository';
import { WatchDeskService } from '../../../../libs/watch-desk/watch-desk.service';
import { AccessPolicy } from '../common/access-policy';
import { ApiError, fieldErrors } from '../common/api-error';
import { cursorCodec, cursorField } from '../common/cursor';
import { M } from '../common/messages';
import type { WatchDeskContactsDto } from './dto/watch-desk.dto';
import { WATCH_DESK_MESSAGES } from './watch-desk-messages';

const deliveryCursor = cursorCodec<{ id: number }>({ id: cursorField.integer(1, Number.MAX_SAFE_INTEGER) }, 'watch-desk-deliveries');

/**
 * Watch-desk contacts are an agency's own administration: its administrators read and replace them, nobody else
 * (403, audited). The delivery log belongs to the joint desk: coordinators read it with the hit, audited like the hit.
 */
@Injectable()
export class WatchDeskApi {
  constructor(
    private readonly watchDesk: WatchDeskService, private readonly hits: HitRepository,
    private readonly access: AccessPolicy, private readonly audit: AuditStore,
  ) {}

  async contacts(user: AuthUser, code: string) {
    await this.requireOwnAgency(user, code);
    return this.watchDesk.contacts(code);
  }

  async replace(user: AuthUser, code: string, dto: WatchDeskContactsDto) {
    await this.requireOwnAgency(user, code);
    const outcome = await this.watchDesk.replaceContacts(code, dto, user);
    if (!outcome.view) throw fieldErrors(outcome.problems);
    return outcome.view;
  }

  /** Every attempt to reach a watch desk about this hit, oldest first: channel, address, attempt number and result. */
  async deliveries(user: AuthUser, hitId: string, limit: number, cursor: string | undefined) {
    const hit = await this.hits.findById(hitId);
    if (!hit) throw new ApiError('NotFound', M.hitNotFound, { id: hitId });
    const after = deliveryCursor.parse(cursor);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'hit', ground: 'other_agency' }, [{ id: hit.id, agencies: [hit.a.agency, hit.b.agency] }]);
    const rows = await this.watchDesk.deliveries(hitId, limit + 1, after ? String(after.id) : null);
    const page = rows.slice(0, limit);
    return {
      items: page.map((d) => ({
        id: d.id, alertId: d.alertId, event: d.event, agency: d.agency, channel: d.channel, address: d.address,
        attempt: d.attempt, outcome: d.outcome, detail: d.detail, attemptedAt: d.at.toISOString(),
      })),
      nextCursor: rows.length > limit ? deliveryCursor.encode({ id: Number(page[page.length - 1].id) }) : null,
    };
  }

  private async requireOwnAgency(user: AuthUser, code: string): Promise<void> {
    if (!(await this.watchDesk.agencyExists(code))) throw new ApiError('NotFound', WATCH_DESK_MESSAGES.agencyNotFound, { code });
    if (code === user.agency) return;
    throw await this.access.forbidden(user, { entityType: 'agency', entityId: code, reason: 'agency' },
      WATCH_DESK_MESSAGES.otherAgency, { own: user.agency, code });
  }
}
