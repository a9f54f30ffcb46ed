import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../../../libs/auth/roles';
import { DeconflictionService } from '../../../../libs/deconfliction/deconfliction.service';
import { HitRepository } from '../../../../libs/deconfliction/hit.repository';
import { sideView } from '../../../../libs/deconfliction/hit-views';
import { LookoutAlreadyCancelled, lookoutItems, LookoutService, lookoutView } from '../../../../libs/deconfliction/lookout.service';
import { unreadableFields } from '../../../../libs/deconfliction/readability';
import { AccessPolicy } from '../common/access-policy';
import { ApiError, fieldError } from '../common/api-error';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { listingCursor, nextCursorOf } from '../common/listing-cursor';
import { M } from '../common/messages';
import type { CreateLookoutDto } from './dto/lookout.dto';
import { LOOKOUT_MESSAGES } from './lookout-messages';

const lookoutCursor = listingCursor('lookouts');

/**
 * Lookouts belong to their agency: its agents list them, read their hits and cancel them; for anyone else a lookout
 * does not exist (404, audited as a refusal).
 */
@Injectable()
export class LookoutsApi {
  constructor(
    private readonly lookouts: LookoutService,
    private readonly deconfliction: DeconflictionService,
    private readonly hitRecords: HitRepository,
    private readonly idempotency: IdempotencyService,
    private readonly access: AccessPolicy,
  ) {}

  async create(user: AuthUser, dto: CreateLookoutDto, key: string | undefined): Promise<IdempotentOutcome> {
    this.refuseFieldsOfOtherKinds(dto);
    const options = await this.deconfliction.keyOptions(user.agency);
    const items = lookoutItems(randomUUID(), dto);
    const problems = items.kind === 'identifiers' ? unreadableFields({ identifiers: items.items }, options)
      : items.kind === 'subjects' ? unreadableFields({ subjects: items.items }, options) : [];
    if (problems.length > 0) throw fieldError('value', problems[0].en, problems[0].es);
    const hash = IdempotencyService.requestHash('POST /lookouts', dto);
    return this.idempotency.inTransaction(user.userId, key, hash, async (tx) => ({
      status: 201, body: lookoutView(await this.lookouts.create(randomUUID(), user, dto, tx)),
    }));
  }

  /** The agency's lookouts, newest first, paged by keyset (`nextCursor`); cancelled and expired ones included. */
  async list(user: AuthUser, limit: number, cursor: string | undefined) {
    const rows = await this.lookouts.page(user.agency, limit + 1, lookoutCursor.parse(cursor));
    return { items: rows.slice(0, limit).map((l) => lookoutView(l)), nextCursor: nextCursorOf(lookoutCursor, rows, limit) };
  }

  async hits(user: AuthUser, lookoutId: string, lang: 'en' | 'es' = 'en') {
    await this.requireOwn(user, lookoutId);
    const hits = await this.hitRecords.forLookout(lookoutId);
    return { items: hits.map((h) => sideView(h, 'b', lang)) };
  }

  /** The lookout stops matching; a second cancellation is 409 naming the first. */
  async cancel(user: AuthUser, lookoutId: string, reason: string | undefined) {
    await this.requireOwn(user, lookoutId);
    try {
      return lookoutView(await this.lookouts.cancel(lookoutId, user, reason ?? null));
    } catch (error) {
      if (!(error instanceof LookoutAlreadyCancelled)) throw error;
      const { cancelledBy, cancelledAt } = error.lookout;
      throw new ApiError('Conflict', LOOKOUT_MESSAGES.lookoutAlreadyCancelled,
        { id: lookoutId, by: cancelledBy ?? '', at: cancelledAt?.toISOString() ?? '' },
        { body: { currentStatus: 'CANCELLED', cancelledBy, cancelledAt: cancelledAt?.toISOString() ?? null } });
    }
  }

  /** A date of birth belongs to a person lookout, a region to a plate: sent with another kind, they are refused. */
  private refuseFieldsOfOtherKinds(dto: CreateLookoutDto): void {
    if (dto.dateOfBirth !== undefined && dto.type !== 'PERSON') {
      throw fieldError('dateOfBirth', 'is only for PERSON lookouts', 'solo corresponde a alertas de tipo PERSON');
    }
    if (dto.region !== undefined && (dto.type === 'PERSON' || dto.type === 'ORGANIZATION')) {
      throw fieldError('region', `is not for ${dto.type} lookouts`, `no corresponde a alertas de tipo ${dto.type}`);
    }
  }

  private async requireOwn(user: AuthUser, lookoutId: string): Promise<void> {
    const agency = await this.lookouts.ownerAgency(lookoutId);
    if (agency === user.agency) return;
    const refused = { entityType: 'lookout', entityId: lookoutId, reason: 'agency', exists: agency !== null };
    throw await this.access.hidden(user, refused, M.lookoutNotFound);
  }
}
