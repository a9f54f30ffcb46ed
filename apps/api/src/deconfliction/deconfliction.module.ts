import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DeconflictionController } from './deconfliction.controller';
import { DeconflictionApi } from './deconfliction.service';

@Module({ imports: [CasesModule], controllers: [DeconflictionController], providers: [DeconflictionApi] })
export class DeconflictionModule {}
