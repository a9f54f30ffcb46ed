import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AccessPolicy } from '../common/access-policy';
import { ReferralsController } from './referrals.controller';
import { ReferralsApi } from './referrals.api';

@Module({ imports: [CasesModule], controllers: [ReferralsController], providers: [ReferralsApi, AccessPolicy] })
export class ReferralsModule {}
