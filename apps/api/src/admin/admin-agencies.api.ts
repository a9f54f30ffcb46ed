import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { AgencyAdminRepository, AgencyRecord, ContactPoint } from '../../../../libs/auth/agency-admin.repository';
import type { AuthUser } from '../../../../libs/auth/roles';
import { ApiError } from '../common/api-error';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import { M } from '../common/messages';
import type {
  AdminAgencyDetailDto, AdminAgencyDto, AdminAgencyListDto, ContactPointDto, ContactPointFieldsDto, CreateAgencyDto,
  UpdateAgencyDto, UpdateContactPointDto,
} from './dto/admin-agency.dto';

const FOREIGN_KEY_VIOLATION = '23503';

const agencyView = (a: AgencyRecord): AdminAgencyDto => ({
  code: a.code, name: a.name, country: a.country, kind: a.kind, status: a.retiredAt ? 'RETIRED' : 'ACTIVE',
  retiredAt: a.retiredAt?.toISOString() ?? null, users: a.users,
});
const contactView = (c: ContactPoint): ContactPointDto => ({
  id: c.id, label: c.label, name: c.name, email: c.email, phone: c.phone, createdAt: c.createdAt.toISOString(),
});

const needsEmailOrPhone = (): ApiError => new ApiError('ValidationFailed', M.validation, { count: 1 }, {
  errors: [{ field: 'email', message: 'a contact point needs an email or a phone', es: 'un punto de contacto necesita un correo o un teléfono' }],
});

/**
 * Agencies and their contact points (ADMIN): added and changed through the API, no migration needed. An agency that
 * anything refers to (users, cases, referrals...) cannot be deleted, only retired: retired agencies stay readable on
 * their records but are no longer offered, and no user may be added to one. Every change is audited.
 */
@Injectable()
export class AdminAgenciesApi {
  private readonly repo = new AgencyAdminRepository();

  constructor(private readonly dataSource: DataSource, private readonly audit: AuditStore, private readonly idempotency: IdempotencyService) {}

  async list(): Promise<AdminAgencyListDto> {
    return { items: (await this.repo.list(this.dataSource)).map(agencyView) };
  }

  async get(code: string): Promise<AdminAgencyDetailDto> {
    const agency = await this.repo.get(this.dataSource, code);
    if (!agency) throw new ApiError('NotFound', M.agencyNotFound, { code });
    return { ...agencyView(agency), contactPoints: (await this.repo.contactPoints(this.dataSource, code)).map(contactView) };
  }

  async create(admin: AuthUser, dto: CreateAgencyDto, key: string | undefined): Promise<IdempotentOutcome> {
    const hash = IdempotencyService.requestHash('POST /admin/agencies', dto);
    return this.idempotency.inTransaction(admin.userId, key, hash, async (tx) => {
      if (!(await this.repo.create(tx, dto))) throw new ApiError('Conflict', M.agencyExists, { code: dto.code });
      await this.record(tx, admin, 'admin.agency_created', dto.code, { name: dto.name, country: dto.country, kind: dto.kind });
      return { status: 201, body: { ...(await this.detail(tx, dto.code)) } };
    });
  }

  async update(admin: AuthUser, code: string, dto: UpdateAgencyDto): Promise<AdminAgencyDetailDto> {
    if (Object.values(dto).every((v) => v === undefined)) throw new ApiError('ValidationFailed', M.adminEditEmpty);
    return this.change(admin, code, async (tx, before) => {
      await this.repo.update(tx, code, dto);
      const previous = before as unknown as Record<string, unknown>;
      const changes = Object.fromEntries(Object.entries(dto as Record<string, unknown>).filter(([, v]) => v !== undefined)
        .map(([field, to]) => [field, { from: previous[field], to }]));
      return ['admin.agency_updated', { changes }];
    });
  }

  async setRetired(admin: AuthUser, code: string, retired: boolean): Promise<AdminAgencyDetailDto> {
    return this.change(admin, code, async (tx) => {
      await this.repo.setRetired(tx, code, retired);
      return [retired ? 'admin.agency_retired' : 'admin.agency_reinstated', {}];
    });
  }

  /** Only an agency nothing refers to goes; PostgreSQL's foreign keys are the one judge of "in use". */
  async delete(admin: AuthUser, code: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (tx) => {
        const agency = await this.repo.get(tx, code, true);
        if (!agency) throw new ApiError('NotFound', M.agencyNotFound, { code });
        await this.repo.delete(tx, code);
        await this.record(tx, admin, 'admin.agency_deleted', code, { name: agency.name });
      });
    } catch (error) {
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw new ApiError('Conflict', M.agencyInUse, { code });
      throw error;
    }
  }

  async addContactPoint(admin: AuthUser, code: string, dto: ContactPointFieldsDto, key: string | undefined): Promise<IdempotentOutcome> {
    if (!dto.email && !dto.phone) throw needsEmailOrPhone();
    const hash = IdempotencyService.requestHash(`POST /admin/agencies/${code}/contact-points`, dto);
    return this.idempotency.inTransaction(admin.userId, key, hash, async (tx) => {
      if (!(await this.repo.get(tx, code, true))) throw new ApiError('NotFound', M.agencyNotFound, { code });
      const point = await this.repo.addContactPoint(tx, {
        id: randomUUID(), agency: code, label: dto.label, name: dto.name ?? null, email: dto.email ?? null, phone: dto.phone ?? null,
      });
      await this.record(tx, admin, 'admin.agency_contact_point_added', code, { contactPoint: point.id, label: point.label });
      return { status: 201, body: { ...contactView(point) } };
    });
  }

  async updateContactPoint(admin: AuthUser, code: string, id: string, dto: UpdateContactPointDto): Promise<ContactPointDto> {
    if (Object.values(dto).every((v) => v === undefined)) throw new ApiError('ValidationFailed', M.adminEditEmpty);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.repo.contactPoint(tx, code, id);
      if (!before) throw new ApiError('NotFound', M.contactPointNotFound, { id, code });
      const email = dto.email !== undefined ? dto.email : before.email;
      const phone = dto.phone !== undefined ? dto.phone : before.phone;
      if (!email && !phone) throw needsEmailOrPhone();
      await this.repo.updateContactPoint(tx, id, dto);
      await this.record(tx, admin, 'admin.agency_contact_point_updated', code, { contactPoint: id, fields: Object.keys(dto) });
      return contactView((await this.repo.contactPoint(tx, code, id)) as ContactPoint);
    });
  }

  async deleteContactPoint(admin: AuthUser, code: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const before = await this.repo.contactPoint(tx, code, id);
      if (!before) throw new ApiError('NotFound', M.contactPointNotFound, { id, code });
      await this.repo.deleteContactPoint(tx, id);
      await this.record(tx, admin, 'admin.agency_contact_point_removed', code, { contactPoint: id, label: before.label });
    });
  }

  private async change(
    admin: AuthUser, code: string, work: (tx: EntityManager, before: AgencyRecord) => Promise<[string, Record<string, unknown>]>,
  ): Promise<AdminAgencyDetailDto> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.repo.get(tx, code, true);
      if (!before) throw new ApiError('NotFound', M.agencyNotFound, { code });
      const [action, details] = await work(tx, before);
      await this.record(tx, admin, action, code, details);
      return this.detail(tx, code);
    });
  }

  private async detail(tx: EntityManager, code: string): Promise<AdminAgencyDetailDto> {
    const agency = (await this.repo.get(tx, code)) as AgencyRecord;
    return { ...agencyView(agency), contactPoints: (await this.repo.contactPoints(tx, code)).map(contactView) };
  }

  private async record(tx: EntityManager, admin: AuthUser, action: string, code: string, details: Record<string, unknown>): Promise<void> {
    await this.audit.append({ actor: admin.username, agency: admin.agency, action, entityType: 'agency', entityId: code, details }, tx);
  }
}
