import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { AuditApi } from './audit.api';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditPageDto, AuditVerifyDto } from './dto/audit-responses.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('LEADERSHIP', 'ADMIN')
export class AuditController {
  constructor(private readonly audit: AuditApi) {}

  @Get()
  @ApiOkResponse({ type: AuditPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: AuditQueryDto) {
    return this.audit.list(user, query);
  }

  @Get('verify')
  @ApiOkResponse({ type: AuditVerifyDto })
  verify() {
    return this.audit.verify();
  }
}
