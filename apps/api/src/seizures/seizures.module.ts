import { Module } from '@nestjs/common';
import { AccessPolicy } from '../common/access-policy';
import { SeizuresController } from './seizures.controller';
import { SeizuresApi } from './seizures.api';
import { CaseTracesApi } from './case-traces.api';

/** SeizureService, TraceService and StatsService come from InfraModule (libs/composition/build-services.ts). */
@Module({
  controllers: [SeizuresController],
  providers: [SeizuresApi, CaseTracesApi, AccessPolicy],
})
export class SeizuresModule {}
