import { Injectable } from '@nestjs/common';
import { AuditStore } from '../../../../libs/audit/audit-store';
import type { AuthUser } from '../../../../libs/auth/roles';
import type { Message } from '../../../../libs/http/problem';
import { ApiError } from './api-error';
import { M } from './messages';

/** The record a caller was refused, and why (the audit entry's `details.reason`). */
export interface Refused { entityType: string; entityId: string; reason: string }

/** A record one agency owns and may share with others, and how to look up the caller's access to it. */
export interface OwnedRecord {
  entityType: string;
  entityId: string;
  /** The caller's agency's access: the owner's, a shared reader's, or none. */
  accessFor: () => Promise<'OWNER' | 'SHARED' | null>;
  /** Asked only when the caller has no access, to audit a refusal of an existing record. */
  exists: () => Promise<boolean>;
  notFound: Message;
}

/**
 * The one way a facade refuses a caller a record: the refusal is audited as `access.denied`, then answered. A record
 * the caller may not see answers 404, like one that does not exist, so its existence is not revealed.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly audit: AuditStore) {}

  /**
   * The 404 to throw (`throw await access.hidden(...)`). Only the refusal of an existing record is audited: a missing
   * one leaves nothing to protect.
   */
  async hidden(user: AuthUser, refused: Refused & { exists: boolean }, notFound: Message): Promise<ApiError> {
    if (refused.exists) await this.denied(user, refused);
    return new ApiError('NotFound', notFound, { id: refused.entityId });
  }

  /** The 403 to throw for a record the caller sees but may not act on (not its owner, not the working agency). */
  async forbidden(user: AuthUser, refused: Refused, message: Message, params: Record<string, string> = {}): Promise<ApiError> {
    await this.denied(user, refused);
    return new ApiError('Forbidden', message, params);
  }

  /**
   * Only the owning agency acts on its record: an agency it is shared with reads it but gets 403 here; anyone else
   * gets the 404 of a record that does not exist. Both refusals are audited.
   */
  async requireOwner(user: AuthUser, record: OwnedRecord): Promise<void> {
    const { entityType, entityId } = record;
    const access = await record.accessFor();
    if (access === 'OWNER') return;
    if (access === 'SHARED') throw await this.forbidden(user, { entityType, entityId, reason: 'not the owning agency' }, M.notOwner);
    throw await this.hidden(user, { entityType, entityId, reason: 'agency', exists: await record.exists() }, record.notFound);
  }

  private denied(user: AuthUser, { entityType, entityId, reason }: Refused): Promise<void> {
    return this.audit.append({
      actor: user.username, agency: user.agency, action: 'access.denied', entityType, entityId, details: { reason },
    });
  }
}
