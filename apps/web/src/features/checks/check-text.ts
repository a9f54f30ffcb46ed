import type { TFunction } from 'i18next';

/** What a check met, as the check log and a check's notice both write it: "Phone: ICE ICE-2026-000123". */
export function meetingText(t: TFunction, met: { matchType: string; agency: string; caseNumber: string | null }): string {
  return t('checks.log.meeting', {
    kind: t(`deconfliction.matchTypes.${met.matchType}`, { defaultValue: met.matchType }), agency: met.agency,
    // A lookout has no case number.
    where: met.caseNumber ?? t('checks.answer.lookout'),
  });
}

/** Who checked, and how to reach them: "ATF · Aaron T. Fields · +12025550102" (a phone on record only). */
export function checkerText(checker: { agency: string; agentName: string | null; agentPhone: string | null }): string {
  return [checker.agency, checker.agentName, checker.agentPhone].filter(Boolean).join(' · ');
}
