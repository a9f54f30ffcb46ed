import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ReferralsController } from './referrals.controller';
import { ReferralsApi } from './referrals.service';

@Module({ imports: [CasesModule], controllers: [ReferralsController], providers: [ReferralsApi] })
export class ReferralsModule {}
