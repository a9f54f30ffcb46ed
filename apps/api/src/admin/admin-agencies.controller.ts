import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { NoBodyPipe } from '../auth/no-body.pipe';
import { ApiIdempotencyKey, IdempotencyKey, sendOutcome } from '../common/idempotency-key';
import { UuidParam } from '../common/uuid-param.pipe';
import { AdminAgenciesApi } from './admin-agencies.api';
import { AgencyCodeParam } from './agency-code.pipe';
import {
  AdminAgencyDetailDto, AdminAgencyListDto, ContactPointDto, ContactPointFieldsDto, CreateAgencyDto, UpdateAgencyDto,
  UpdateContactPointDto,
} from './dto/admin-agency.dto';

/** Agency administration: ADMIN only; every change audited. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('admin/agencies')
export class AdminAgenciesController {
  constructor(private readonly agencies: AdminAgenciesApi) {}

  /** Every agency, retired ones included. */
  @Get()
  @ApiOkResponse({ type: AdminAgencyListDto })
  list(): Promise<AdminAgencyListDto> {
    return this.agencies.list();
  }

  @Post()
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: AdminAgencyDetailDto })
  async create(
    @CurrentUser() admin: AuthUser, @Body() body: CreateAgencyDto, @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return sendOutcome(reply, await this.agencies.create(admin, body, key));
  }

  @Get(':code')
  @ApiOkResponse({ type: AdminAgencyDetailDto })
  get(@Param('code', AgencyCodeParam) code: string): Promise<AdminAgencyDetailDto> {
    return this.agencies.get(code);
  }

  @Patch(':code')
  @ApiOkResponse({ type: AdminAgencyDetailDto })
  update(@CurrentUser() admin: AuthUser, @Param('code', AgencyCodeParam) code: string, @Body() body: UpdateAgencyDto): Promise<AdminAgencyDetailDto> {
    return this.agencies.update(admin, code, body);
  }

  @Post(':code/retire')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminAgencyDetailDto })
  retire(@CurrentUser() admin: AuthUser, @Param('code', AgencyCodeParam) code: string, @Body(NoBodyPipe) _body: undefined): Promise<AdminAgencyDetailDto> {
    return this.agencies.setRetired(admin, code, true);
  }

  @Post(':code/reinstate')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminAgencyDetailDto })
  reinstate(@CurrentUser() admin: AuthUser, @Param('code', AgencyCodeParam) code: string, @Body(NoBodyPipe) _body: undefined): Promise<AdminAgencyDetailDto> {
    return this.agencies.setRetired(admin, code, false);
  }

  /** 409 when anything refers to the agency: retire it instead. */
  @Delete(':code')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The agency is deleted.' })
  delete(@CurrentUser() admin: AuthUser, @Param('code', AgencyCodeParam) code: string): Promise<void> {
    return this.agencies.delete(admin, code);
  }

  @Post(':code/contact-points')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ContactPointDto })
  async addContactPoint(
    @CurrentUser() admin: AuthUser, @Param('code', AgencyCodeParam) code: string, @Body() body: ContactPointFieldsDto,
    @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return sendOutcome(reply, await this.agencies.addContactPoint(admin, code, body, key));
  }

  @Patch(':code/contact-points/:id')
  @ApiOkResponse({ type: ContactPointDto })
  updateContactPoint(
    @CurrentUser() admin: AuthUser, @Param('code', AgencyCodeParam) code: string, @Param('id', UuidParam) id: string,
    @Body() body: UpdateContactPointDto,
  ): Promise<ContactPointDto> {
    return this.agencies.updateContactPoint(admin, code, id, body);
  }

  @Delete(':code/contact-points/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The contact point is removed.' })
  deleteContactPoint(
    @CurrentUser() admin: AuthUser, @Param('code', AgencyCodeParam) code: string, @Param('id', UuidParam) id: string,
  ): Promise<void> {
    return this.agencies.deleteContactPoint(admin, code, id);
  }
}
