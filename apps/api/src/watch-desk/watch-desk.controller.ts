import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import {
  AgencyCodeParamDto, DeliveryListQueryDto, WatchDeskContactsDto, WatchDeskContactsViewDto, WatchDeskDeliveryPageDto,
} from './dto/watch-desk.dto';
import { WatchDeskApi } from './watch-desk.api';

/** Alerts outside the browser (issue 17): whom each agency's watch desk is reached at, and what reached them. */
@ApiTags('watch-desk')
@ApiBearerAuth()
@Controller()
export class WatchDeskController {
  constructor(private readonly watchDesk: WatchDeskApi) {}

  @Get('agencies/:code/watch-desk')
  @Roles('ADMIN')
  @ApiOkResponse({ type: WatchDeskContactsViewDto })
  contacts(@CurrentUser() user: AuthUser, @Param() params: AgencyCodeParamDto) {
    return this.watchDesk.contacts(user, params.code);
  }

  /** Replaces the agency's whole list; a webhook already listed keeps its secret when none is sent. */
  @Put('agencies/:code/watch-desk')
  @Roles('ADMIN')
  @ApiOkResponse({ type: WatchDeskContactsViewDto })
  replace(@CurrentUser() user: AuthUser, @Param() params: AgencyCodeParamDto, @Body() body: WatchDeskContactsDto) {
    return this.watchDesk.replace(user, params.code, body);
  }

  @Get('deconfliction/hits/:id/deliveries')
  @Roles('DECONFLICTION_COORDINATOR')
  @ApiOkResponse({ type: WatchDeskDeliveryPageDto })
  deliveries(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string, @Query() query: DeliveryListQueryDto) {
    return this.watchDesk.deliveries(user, id, query.limit ?? 100, query.cursor);
  }
}
