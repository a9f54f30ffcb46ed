import type { EntityManager } from 'typeorm';
import type { NotificationStore } from '../notifications/notification-store';
import type { CheckMatchRecord, OwnerPointer } from './check.repository';

export interface PatternAlert {
  id: string; raisedAt: Date; match: CheckMatchRecord; owner: OwnerPointer | undefined; checkerAgency: string;
  checks: number; windowSeconds: number;
  checkers: { agentName: string; agentPhone: string | null; checks: number }[];
}

/**
 * The notices a pattern of checks sends, as notification rows written with the alert (pg_notify on commit, like hits).
 * A single check's notices are composed where it is kept (check_matched_notices, migration KeepCheckReadsOwners).
 * Pointer-only: the checker's values never leave the check, and neither do scores.
 */
export class CheckNotices {
  constructor(private readonly notifications: NotificationStore) {}

  /** Both agencies' watch desks (every coordinator: the desk is joint) and both agencies' leadership. */
  async patternAlert(tx: EntityManager, alert: PatternAlert): Promise<void> {
    const coordinators = await this.notifications.usersWithRole(tx, 'DECONFLICTION_COORDINATOR');
    const leaders = await this.notifications.usersWithRole(tx, 'LEADERSHIP', [alert.checkerAgency, alert.match.agency]);
    const recipients = [...new Set([...coordinators, ...leaders])];
    const payload = {
      alert: {
        id: alert.id, raisedAt: alert.raisedAt.toISOString(), matchType: alert.match.matchType, checks: alert.checks,
        windowSeconds: alert.windowSeconds, checkerAgency: alert.checkerAgency, checkers: alert.checkers,
        item: {
          agency: alert.match.agency, caseNumber: alert.owner?.caseNumber ?? null, lookout: alert.match.lookoutId !== null,
          agentName: alert.owner?.agentName ?? null, agentPhone: alert.owner?.agentPhone ?? null,
        },
      },
    };
    await this.notifications.push(tx, recipients.map((userId) => ({
      userId, kind: 'deconfliction.check_pattern_alert', entityType: 'check_alert', entityId: alert.id, payload,
      dedupKey: `check_alert:${alert.id}`,
    })));
  }
}
