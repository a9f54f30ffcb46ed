import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config';
import { loadEdgeConfig } from '../../../../libs/config/edge-config';
import { StreamSessions } from '../../../../libs/notifications/stream-sessions';
import { APP_CONFIG } from '../infra/tokens';
import { NotificationsApi } from './notifications.api';
import { NotificationsController } from './notifications.controller';
import { NotificationsHub } from './notifications.hub';
import { EDGE_CONFIG, StreamRegistry } from './stream-registry';

@Module({
  // The hub tells the session store of sessions ended in other processes.
  imports: [AuthModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsApi,
    NotificationsHub,
    StreamRegistry,
    { provide: EDGE_CONFIG, useFactory: loadEdgeConfig },
    {
      provide: StreamSessions,
      useFactory: (dataSource: DataSource, config: AppConfig) => new StreamSessions(dataSource, config.accounts.sessionIdleTimeoutMs),
      inject: [DataSource, APP_CONFIG],
    },
  ],
})
export class NotificationsModule {}
