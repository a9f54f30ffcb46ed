import { Module } from '@nestjs/common';
import { SeizuresController } from './seizures.controller';
import { SeizuresApi } from './seizures.service';

/** SeizureService, TraceService and StatsService come from InfraModule (libs/composition/build-services.ts). */
@Module({
  controllers: [SeizuresController],
  providers: [SeizuresApi],
})
export class SeizuresModule {}
