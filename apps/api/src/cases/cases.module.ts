import { Module } from '@nestjs/common';
import { AccessPolicy } from '../common/access-policy';
import { CasesApi } from './cases.api';
import { CasesController } from './cases.controller';

@Module({ controllers: [CasesController], providers: [CasesApi, AccessPolicy], exports: [CasesApi] })
export class CasesModule {}
