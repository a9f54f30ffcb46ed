import { useTranslation } from 'react-i18next';
import { Time } from '../../../components/ui/time';
import { awaitingAcknowledgement, type Referral } from '../api/types';
import { formatSpan, useNow } from '../../../lib/use-now';

/** The acknowledgement clock: time left, or how long overdue; once acknowledged the clock has stopped. */
export function ReferralClock({ referral }: { referral: Referral }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  if (!awaitingAcknowledgement(referral) || !referral.dueAt) {
    const last = referral.history[referral.history.length - 1];
    return <span className="referral-clock">{t(`referrals.clock.${referral.status}`)} <Time value={last?.at ?? null} /></span>;
  }
  const left = new Date(referral.dueAt).getTime() - now;
  const overdue = left <= 0 || referral.status === 'ESCALATED';
  return (
    <span className={overdue ? 'referral-clock badge badge-overdue' : 'referral-clock badge badge-warn'} data-overdue={overdue}>
      {overdue
        ? t('referrals.clock.overdueBy', { span: formatSpan(left, i18n.language) })
        : t('referrals.clock.dueIn', { span: formatSpan(left, i18n.language) })}
      {' '}(<Time value={referral.dueAt} />)
    </span>
  );
}
