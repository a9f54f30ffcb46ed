import { Module } from '@nestjs/common';
import { AuditApi } from './audit.api';
import { AuditController } from './audit.controller';

@Module({ controllers: [AuditController], providers: [AuditApi] })
export class AuditModule {}
