import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsHub } from './notifications.hub';

@Module({ controllers: [NotificationsController], providers: [NotificationsHub] })
export class NotificationsModule {}
