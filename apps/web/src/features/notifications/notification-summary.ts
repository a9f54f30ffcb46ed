import type { TFunction } from 'i18next';
import type { NotificationEvent } from '../../lib/notification-stream';
import { checkerText, meetingText } from '../checks/check-text';

interface Pointer { matchType: string; agency: string; caseNumber: string | null }
interface CheckNotice { checker?: { agency: string; agentName: string | null; agentPhone: string | null }; matches?: Pointer[] }
interface PatternAlert { checkerAgency: string; checks: number; matchType: string; item?: Pointer }

/**
 * The line a notice needs beyond its kind, for the kinds whose kind alone tells nothing to act on: who checked which of
 * your items (whom to call), and which agency keeps checking which item. Pointers only, as the payload carries them.
 */
export function summaryOf(event: NotificationEvent, t: TFunction): string | null {
  if (event.kind === 'deconfliction.check_matched') {
    const check = event.payload.check as CheckNotice | undefined;
    if (!check?.checker) return null;
    const met = (check.matches ?? []).map((m) => meetingText(t, m)).join(', ');
    return t('notifications.summary.checkMatched', { who: checkerText(check.checker), met });
  }
  if (event.kind === 'deconfliction.check_pattern_alert') {
    const alert = event.payload.alert as PatternAlert | undefined;
    if (!alert?.item) return null;
    return t('notifications.summary.patternAlert', {
      agency: alert.checkerAgency, checks: alert.checks, met: meetingText(t, { ...alert.item, matchType: alert.matchType }),
    });
  }
  return null;
}
