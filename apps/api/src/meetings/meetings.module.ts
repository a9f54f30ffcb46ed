import { Module } from '@nestjs/common';
import { ActionItemsController } from './action-items.controller';
import { ActionItemsApi } from './action-items.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsApi } from './meetings.service';

/** Meetings with foreign counterparts (M1-M4), their reports, and action items from meetings and conferences. */
@Module({ controllers: [MeetingsController, ActionItemsController], providers: [MeetingsApi, ActionItemsApi] })
export class MeetingsModule {}
