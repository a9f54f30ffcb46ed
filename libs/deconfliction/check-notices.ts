import type { EntityManager } from 'typeorm';
import type { NotificationInput, NotificationStore } from '../notifications/notification-store';
import type { CheckMatchRecord, OwnerPointer } from './check.repository';
import type { MatchType } from './match-keys';

/** Who checked: the agency, and the agent to call back. */
export interface Checker { userId: string; agency: string; agentName: string; agentPhone: string | null }

/** A matched item as a notice shows it: its kind and which case (or lookout) of which agency, nothing of a value. */
export interface NoticeMatch { matchType: MatchType; agency: string; caseNumber: string | null; lookout: boolean }

export interface PatternAlert {
  id: string; raisedAt: Date; match: CheckMatchRecord; owner: OwnerPointer | undefined; checkerAgency: string;
  checks: number; windowSeconds: number;
  checkers: { agentName: string; agentPhone: string | null; checks: number }[];
}

const noticeMatch = (m: CheckMatchRecord, owners: Map<string, OwnerPointer>): NoticeMatch => ({
  matchType: m.matchType, agency: m.agency, caseNumber: owners.get(m.caseId ?? '')?.caseNumber ?? null, lookout: m.lookoutId !== null,
});

const sameNotice = (a: NoticeMatch, b: NoticeMatch) =>
  a.matchType === b.matchType && a.agency === b.agency && a.caseNumber === b.caseNumber && a.lookout === b.lookout;

/** One entry per kind of item and case: two subjects of one case met by one name read as one pointer. */
export function distinctNotices(items: NoticeMatch[]): NoticeMatch[] {
  return items.filter((m, i) => items.findIndex((n) => sameNotice(m, n)) === i);
}

/**
 * The notices a check and a pattern of checks send, as notification rows written with the check or the alert (pg_notify
 * on commit, like hits). Pointer-only: the checker's values never leave the check, and neither do scores.
 */
export class CheckNotices {
  constructor(private readonly notifications: NotificationStore) {}

  /**
   * Each matched item's case agent (lead agent, or lookout owner) hears of the matches on their items; every deconfliction
   * coordinator (the desk is joint; CheckRepository.owners reads them) hears of them all. One notification per recipient
   * and check, written by the call that keeps the check (CheckRepository.keep).
   */
  checkMatched(
    checkId: string, checkedAt: Date, checker: Checker, matches: CheckMatchRecord[], owners: Map<string, OwnerPointer>, coordinators: string[],
  ): NotificationInput[] {
    const perUser = new Map<string, NoticeMatch[]>();
    const add = (userId: string, m: NoticeMatch) => perUser.set(userId, [...(perUser.get(userId) ?? []), m]);
    for (const m of matches) {
      const view = noticeMatch(m, owners);
      const owner = owners.get(m.caseId ?? m.lookoutId ?? '');
      if (owner) add(owner.userId, view);
      for (const userId of coordinators) if (userId !== owner?.userId) add(userId, view);
    }
    const check = {
      id: checkId, checkedAt: checkedAt.toISOString(),
      checker: { agency: checker.agency, agentName: checker.agentName, agentPhone: checker.agentPhone },
    };
    return [...perUser].map(([userId, seen]) => ({
      userId, kind: 'deconfliction.check_matched', entityType: 'check', entityId: checkId,
      payload: { check: { ...check, matches: distinctNotices(seen) } }, dedupKey: `check:${checkId}`,
    }));
  }

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
