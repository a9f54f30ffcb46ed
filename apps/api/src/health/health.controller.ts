import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { TemporalService } from '../infra/temporal.service';
import { HealthDto } from './dto/health.dto';

type Up = 'up' | 'down';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource, private readonly temporal: TemporalService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'A dependency is down.' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ db: Up; temporal: Up }> {
    const [db, temporal] = await Promise.all([this.dbUp(), this.temporal.healthy()]);
    const body = { db: db ? 'up' : 'down', temporal: temporal ? 'up' : 'down' } as const;
    void reply.status(db && temporal ? 200 : 503);
    return body;
  }

  private async dbUp(): Promise<boolean> {
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
      ]);
      return true;
    } catch {
      return false;
    }
  }
}
