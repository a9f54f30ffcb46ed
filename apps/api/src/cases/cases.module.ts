import { Module } from '@nestjs/common';
import { AccessPolicy } from '../common/access-policy';
import { CasesApi } from './cases.api';
import { CasesController } from './cases.controller';
import { SubjectDobApi } from './subject-dob.api';

@Module({ controllers: [CasesController], providers: [CasesApi, SubjectDobApi, AccessPolicy], exports: [CasesApi] })
export class CasesModule {}
