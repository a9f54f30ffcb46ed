import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AgencyDirectory } from '../../../../libs/auth/agency-directory';
import { AgencyListDto } from './dto/agency-responses.dto';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgencyDirectory) {}

  /** Any signed-in user: the console offers these where a case is shared or referred. */
  @Get()
  @ApiOkResponse({ type: AgencyListDto })
  async list(): Promise<AgencyListDto> {
    return { items: await this.agencies.list() };
  }
}
