import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({ controllers: [CasesController], providers: [CasesService, IdempotencyService] })
export class CasesModule {}
