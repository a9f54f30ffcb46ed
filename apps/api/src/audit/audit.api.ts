import { Injectable } from '@nestjs/common';
import { AuditStore, VerifyResult } from '../../../../libs/audit/audit-store';
import type { AuthUser } from '../../../../libs/auth/roles';
import type { AuditQueryDto } from './dto/audit-query.dto';

/** Reading the audit chain; every read is itself audited, with the filters it used. */
@Injectable()
export class AuditApi {
  constructor(private readonly audit: AuditStore) {}

  async list(user: AuthUser, query: AuditQueryDto) {
    const limit = query.limit ?? 100;
    const entries = await this.audit.list({
      entityId: query.entityId, actor: query.actor, limit: limit + 1, afterSeq: query.cursor,
      from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined,
    });
    const page = entries.slice(0, limit);
    await this.audit.append({
      actor: user.username, agency: user.agency, action: 'audit.read', entityType: 'audit', entityId: null,
      details: { filters: { ...query } },
    });
    return {
      items: page.map((e) => ({
        seq: e.seq, at: e.at.toISOString(), actor: e.actor, agency: e.agency, action: e.action, entityType: e.entityType,
        entityId: e.entityId, details: e.details, hash: e.hash, prevHash: e.prevHash,
      })),
      nextCursor: entries.length > limit ? page[page.length - 1].seq : null,
    };
  }

  verify(): Promise<VerifyResult> {
    return this.audit.verify();
  }
}
