import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead } from '../../../../libs/audit/read-audit';
import type { AuthUser } from '../../../../libs/auth/roles';
import { contactView, HitContactLogRepository } from '../../../../libs/deconfliction/hit-contact-log.repository';
import { HitRecord, HitRepository } from '../../../../libs/deconfliction/hit.repository';
import { ApiError } from '../common/api-error';
import { listingCursor, nextCursorOf } from '../common/listing-cursor';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { M } from '../common/messages';
import type { HitContactDto } from './dto/hit-work.dto';

const contactCursor = listingCursor('hit-contacts');

/**
 * A hit's contact log (issue 17): the desk records whom it reached, at which agency, how, and what was agreed. The
 * entry, its audit entry and the Idempotency-Key's answer commit together; entries are never changed or removed.
 */
@Injectable()
export class HitContactsApi {
  constructor(
    private readonly contacts: HitContactLogRepository,
    private readonly hits: HitRepository,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditStore,
  ) {}

  async add(user: AuthUser, hitId: string, dto: HitContactDto, key: string | undefined): Promise<IdempotentOutcome> {
    await this.requireHit(hitId);
    const hash = IdempotencyService.requestHash(`POST /deconfliction/hits/${hitId}/contacts`, dto);
    return this.idempotency.inTransaction(user.userId, key, hash, async (tx) => {
      const entry = { id: randomUUID(), hitId, reached: dto.reached, agency: dto.agency, means: dto.means, agreed: dto.agreed };
      const saved = await this.contacts.append(tx, entry, user, new Date());
      await this.audit.append({
        actor: user.username, agency: user.agency, action: 'hit.contact_logged', entityType: 'hit', entityId: hitId,
        details: { contactId: saved.id, reached: saved.reached, agency: saved.agency, means: saved.means, agreed: saved.agreed },
      }, tx);
      return { status: 201, body: contactView(saved) };
    });
  }

  /** The log is about both agencies' cases: the desk's read of it is audited like a read of the hit's page. */
  async list(user: AuthUser, hitId: string, query: { limit?: number; cursor?: string }) {
    const limit = query.limit ?? 50;
    const before = contactCursor.parse(query.cursor);
    const hit = await this.requireHit(hitId);
    await auditCrossAgencyRead(this.audit, user, { entityType: 'hit', ground: 'other_agency' }, [{ id: hit.id, agencies: [hit.a.agency, hit.b.agency] }]);
    const rows = await this.contacts.list(hitId, limit + 1, before);
    return { items: rows.slice(0, limit).map(contactView), nextCursor: nextCursorOf(contactCursor, rows, limit) };
  }

  private async requireHit(hitId: string): Promise<HitRecord> {
    const hit = await this.hits.findById(hitId);
    if (!hit) throw new ApiError('NotFound', M.hitNotFound, { id: hitId });
    return hit;
  }
}
