import { useTranslation } from 'react-i18next';
import { Time } from '../../../components/ui/time';
import type { Referral } from '../api/types';

/** Referrals the case raised (rules R1-R4 or by hand) and where each stands. */
export function ReferralsPanel({ referrals }: { referrals: Referral[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="case-referrals-heading">
      <h2 id="case-referrals-heading">{t('cases.referrals.title')}</h2>
      {referrals.length === 0 ? <p className="empty">{t('cases.referrals.empty')}</p> : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('cases.referrals.rule')}</th>
              <th scope="col">{t('cases.referrals.toAgency')}</th>
              <th scope="col">{t('cases.referrals.reason')}</th>
              <th scope="col">{t('cases.referrals.status')}</th>
              <th scope="col">{t('cases.referrals.dueAt')}</th>
            </tr>
          </thead>
          <tbody>
            {referrals.map((r) => (
              <tr key={r.id}>
                <td>{r.rule ?? t('cases.referrals.manual')} · {t(`cases.referralKinds.${r.kind}`, { defaultValue: r.kind })}</td>
                <td>{r.toAgency}</td>
                <td>{r.reason}</td>
                <td><span className={r.status === 'ACCEPTED' ? 'badge badge-ok' : r.status === 'ESCALATED' ? 'badge badge-urgent' : 'badge'}>
                  {t(`cases.referralStatuses.${r.status}`, { defaultValue: r.status })}</span></td>
                <td><Time value={r.dueAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
