import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../../libs/auth/roles';
import { cancelMeetingUpdate, rescheduleMeetingUpdate } from '../../../../libs/contracts/messages/meeting';
import { ActionItemService } from '../../../../libs/meetings/action-item.service';
import { InvalidMeetingTransition, MeetingService } from '../../../../libs/meetings/meeting.service';
import { meetingView } from '../../../../libs/meetings/meeting-views';
import { actorOf } from '../common/actor';
import { fieldErrors } from '../common/api-error';
import { IdempotencyService, IdempotentOutcome } from '../common/idempotency.service';
import type { AddAttendeesDto, CancelMeetingDto, RescheduleMeetingDto } from './dto/meeting.dto';
import { meetingRefusal } from './meeting-refusals';
import { scopeOf } from './meeting-scope';
import { MeetingInputs, normaliseAttendees } from './meeting-inputs';
import { MeetingsApi } from './meetings.api';

/**
 * Changes to a meeting itself (issue 18). Cancel and reschedule go through the meeting's workflow, which stops or
 * re-arms its clocks; they are taken by the organizing agency's organizers and agents, or by the meeting-coordination
 * team (any agency's meeting), before the meeting is held. Attendees are plain data and are written directly.
 */
@Injectable()
export class MeetingChangesApi {
  constructor(
    private readonly meetingsApi: MeetingsApi,
    private readonly meetings: MeetingService,
    private readonly actionItems: ActionItemService,
    private readonly idempotency: IdempotencyService,
    private readonly inputs: MeetingInputs,
  ) {}

  cancel(user: AuthUser, id: string, dto: CancelMeetingDto, key: string | undefined): Promise<IdempotentOutcome> {
    return this.meetingsApi.step(user, id, 'cancel', this.side(user), key, 200, dto, (actor) => ({
      update: cancelMeetingUpdate, arg: { actor, reason: dto.reason },
    }));
  }

  reschedule(user: AuthUser, id: string, dto: RescheduleMeetingDto, key: string | undefined): Promise<IdempotentOutcome> {
    return this.meetingsApi.step(user, id, 'reschedule', this.side(user), key, 200, dto, (actor) => ({
      update: rescheduleMeetingUpdate, arg: { actor, scheduledAt: new Date(dto.scheduledAt).toISOString(), reason: dto.reason },
    }));
  }

  /** Adds attendees (the meeting, its audit entry and the idempotency answer commit together); 409 once cancelled. */
  async addAttendees(user: AuthUser, id: string, dto: AddAttendeesDto, key: string | undefined): Promise<IdempotentOutcome> {
    await this.meetingsApi.findFor(user, id, scopeOf(user));
    const unknown = await this.inputs.unknownAgencies(dto.attendees);
    if (unknown.length > 0) throw fieldErrors(unknown);
    const hash = IdempotencyService.requestHash(`POST /meetings/${id}/attendees`, dto);
    return this.idempotency.inTransaction(user.userId, key, hash, async (tx) => {
      try {
        const meeting = await this.meetings.changes.addAttendees(tx, id, actorOf(user), normaliseAttendees(dto.attendees), new Date());
        return { status: 201, body: meetingView(meeting, await this.actionItems.forMeeting(id)) };
      } catch (error) {
        if (error instanceof InvalidMeetingTransition) throw meetingRefusal(id, 'cancel', 'meeting', error.current);
        throw error;
      }
    });
  }

  /** The coordination team reaches every agency's meetings; organizers and agents their own agency's. */
  private side(user: AuthUser): 'organizer' | 'coordination' {
    return scopeOf(user) === null ? 'coordination' : 'organizer';
  }
}
