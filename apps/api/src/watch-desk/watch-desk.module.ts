import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { loadWatchDeskConfig } from '../../../../libs/watch-desk/watch-desk-config';
import { WatchDeskService } from '../../../../libs/watch-desk/watch-desk.service';
import { AccessPolicy } from '../common/access-policy';
import { WatchDeskApi } from './watch-desk.api';
import { WatchDeskController } from './watch-desk.controller';

@Module({
  controllers: [WatchDeskController],
  providers: [
    WatchDeskApi,
    AccessPolicy,
    {
      provide: WatchDeskService,
      inject: [DataSource, AuditStore],
      // Read at start: a bad WATCH_DESK_* value stops the API instead of an alert.
      useFactory: (ds: DataSource, audit: AuditStore) => new WatchDeskService(ds, audit, loadWatchDeskConfig()),
    },
  ],
})
export class WatchDeskModule {}
