import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditStore, VerifyResult } from '../../../../libs/audit/audit-store';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditPageDto, AuditVerifyDto } from './dto/audit-responses.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('LEADERSHIP', 'ADMIN')
export class AuditController {
  constructor(private readonly audit: AuditStore) {}

  @Get()
  @ApiOkResponse({ type: AuditPageDto })
  async list(@CurrentUser() user: AuthUser, @Query() query: AuditQueryDto) {
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

  @Get('verify')
  @ApiOkResponse({ type: AuditVerifyDto })
  verify(): Promise<VerifyResult> {
    return this.audit.verify();
  }
}
