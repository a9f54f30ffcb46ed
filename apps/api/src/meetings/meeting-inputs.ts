import { Injectable } from '@nestjs/common';
import { AuditStore } from '../../../../libs/audit/audit-store';
import type { AuthUser } from '../../../../libs/auth/roles';
import { Attendee, MeetingService } from '../../../../libs/meetings/meeting.service';
import { fieldError } from '../common/api-error';

/** Agency codes are stored as the agencies table spells them. */
export const normaliseAttendees = (attendees: Attendee[]): Attendee[] =>
  attendees.map((a) => ({ name: a.name.trim(), agency: a.agency.trim().toUpperCase() }));

/** Checks on what a meeting names outside itself: the case it concerns and its attendees' agencies. */
@Injectable()
export class MeetingInputs {
  constructor(private readonly meetings: MeetingService, private readonly audit: AuditStore) {}

  /** One field error per attendee whose agency is not in the agencies table (any country: counterparts included). */
  async unknownAgencies(attendees: Attendee[], field = 'attendees'): Promise<{ field: string; en: string; es: string }[]> {
    if (attendees.length === 0) return [];
    const known = new Set(await this.meetings.agencyCodes());
    return normaliseAttendees(attendees).flatMap((a, i) => (known.has(a.agency) ? [] : [{
      field: `${field}[${i}].agency`, en: 'is not a known agency', es: 'no es una agencia conocida',
    }]));
  }

  /**
   * The case must be one the organizer's agency may read. A case of another agency and a case that does not exist get
   * the same 400, so the answer reveals nothing; the refused attempt on an existing case is audited like any refusal.
   */
  async assertCaseReadable(user: AuthUser, caseId: string): Promise<void> {
    const access = await this.meetings.caseAccess(caseId, user.agency);
    if (access.readable) return;
    if (access.exists) {
      await this.audit.append({
        actor: user.username, agency: user.agency, action: 'access.denied', entityType: 'case', entityId: caseId,
        details: { reason: 'agency', via: 'meeting.caseId' },
      });
    }
    throw fieldError('caseId', 'is not a case your agency may read', 'no es un caso que su agencia pueda consultar');
  }
}
