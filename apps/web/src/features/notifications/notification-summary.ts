import type { TFunction } from 'i18next';
import type { NotificationEvent } from '../../lib/notification-stream';

interface Pointer { matchType: string; agency: string; caseNumber: string | null }
interface CheckNotice { checker?: { agency: string; agentName: string | null; agentPhone: string | null }; matches?: Pointer[] }
interface PatternAlert { checkerAgency: string; checks: number; matchType: string; item?: Pointer }

/** "Phone: ICE ICE-2026-000123", as the check log writes what a check met (a lookout has no case number). */
function pointer(t: TFunction, p: Pointer): string {
  return t('checks.log.meeting', {
    kind: t(`deconfliction.matchTypes.${p.matchType}`, { defaultValue: p.matchType }), agency: p.agency,
    where: p.caseNumber ?? t('checks.answer.lookout'),
  });
}

/**
 * The line a notice needs beyond its kind, for the kinds whose kind alone tells nothing to act on: who checked which of
 * your items (whom to call), and which agency keeps checking which item. Pointers only, as the payload carries them.
 */
export function summaryOf(event: NotificationEvent, t: TFunction): string | null {
  if (event.kind === 'deconfliction.check_matched') {
    const check = event.payload.check as CheckNotice | undefined;
    if (!check?.checker) return null;
    const who = [check.checker.agency, check.checker.agentName, check.checker.agentPhone].filter(Boolean).join(' · ');
    return t('notifications.summary.checkMatched', { who, met: (check.matches ?? []).map((m) => pointer(t, m)).join(', ') });
  }
  if (event.kind === 'deconfliction.check_pattern_alert') {
    const alert = event.payload.alert as PatternAlert | undefined;
    if (!alert?.item) return null;
    return t('notifications.summary.patternAlert', {
      agency: alert.checkerAgency, checks: alert.checks,
      kind: t(`deconfliction.matchTypes.${alert.matchType}`, { defaultValue: alert.matchType }),
      where: `${alert.item.agency} ${alert.item.caseNumber ?? t('checks.answer.lookout')}`,
    });
  }
  return null;
}
