import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AccessPolicy } from '../common/access-policy';
import { ReferralsController } from './referrals.controller';
import { ManualReferralsApi } from './manual-referrals.api';
import { ReferralsApi } from './referrals.api';

@Module({ imports: [CasesModule], controllers: [ReferralsController], providers: [ReferralsApi, ManualReferralsApi, AccessPolicy] })
export class ReferralsModule {}
