import { Module } from '@nestjs/common';
import { AccessPolicy } from '../common/access-policy';
import { ActionItemsApi } from './action-items.api';
import { ActionItemsController } from './action-items.controller';
import { MeetingChangesApi } from './meeting-changes.api';
import { MeetingInputs } from './meeting-inputs';
import { MeetingsApi } from './meetings.api';
import { MeetingsController } from './meetings.controller';

/** Meetings with foreign counterparts (M1-M4), their reports, and action items from meetings and conferences. */
@Module({ controllers: [MeetingsController, ActionItemsController], providers: [MeetingsApi, MeetingChangesApi, MeetingInputs, ActionItemsApi, AccessPolicy] })
export class MeetingsModule {}
