import { Module } from '@nestjs/common';
import { AccessPolicy } from '../common/access-policy';
import { CasesApi } from './cases.api';
import { CasesController } from './cases.controller';
import { SubjectDobApi } from './subject-dob.api';
import { SubjectFormsApi } from './subject-forms.api';
import { SubjectFormsController } from './subject-forms.controller';

@Module({
  controllers: [CasesController, SubjectFormsController], providers: [CasesApi, SubjectFormsApi, SubjectDobApi, AccessPolicy], exports: [CasesApi],
})
export class CasesModule {}
