import type { EntityManager } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { MeetingActor } from '../contracts/meetings';
import type { NotificationStore } from '../notifications/notification-store';
import type { MeetingRecord } from './meeting.repository';
import { meetingSummaryView } from './meeting-views';

export type MeetingAnnouncer = (
  tx: EntityManager, meeting: MeetingRecord, action: string, actor: MeetingActor | null, details: Record<string, unknown>, dedupKey: string,
) => Promise<void>;

/** Audit entry, and a notification to the organizer and every member of the meeting-coordination team. */
export function meetingAnnouncer(audit: AuditStore, notifications: NotificationStore): MeetingAnnouncer {
  return async (tx, meeting, action, actor, details, dedupKey) => {
    await audit.append({
      actor: actor?.username ?? 'system', agency: actor?.agency ?? null, action, entityType: 'meeting', entityId: meeting.id,
      details, dedupKey,
    }, tx);
    const recipients = new Set([meeting.organizerId, ...(await notifications.usersWithRole(tx, 'MEETING_COORDINATION'))]);
    await notifications.push(tx, [...recipients].map((userId) => ({
      userId, kind: action, entityType: 'meeting', entityId: meeting.id, payload: { meeting: meetingSummaryView(meeting) }, dedupKey,
    })));
  };
}
