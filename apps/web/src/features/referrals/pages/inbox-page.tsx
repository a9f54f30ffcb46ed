import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { useInbox, type InboxFilter } from '../api/get-inbox';
import { REFERRAL_STATUSES, type ReferralStatus } from '../api/types';
import { ReferralCard } from '../components/referral-card';
import '../referrals.css';

/** The receiving agency's referral inbox: overdue and oldest first, each with its acknowledgement clock. */
export function InboxPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ReferralStatus | ''>('');
  const [caseNumber, setCaseNumber] = useState('');
  const [filter, setFilter] = useState<InboxFilter>({});
  const inbox = useInbox(filter);
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="referrals-page">
      <h1>{t('referrals.inbox.title')}</h1>
      <p className="hint">{t('referrals.inbox.order')}</p>
      <form className="referral-filters row" role="search" aria-label={t('referrals.inbox.filters')}
        onSubmit={(e) => { e.preventDefault(); setFilter({ status, caseNumber: caseNumber.trim() }); }}>
        <label>
          {t('referrals.inbox.status')}{' '}
          <select value={status} onChange={(e) => { const next = e.target.value as ReferralStatus | ''; setStatus(next); setFilter({ status: next, caseNumber: caseNumber.trim() }); }}>
            <option value="">{t('referrals.inbox.allStatuses')}</option>
            {REFERRAL_STATUSES.map((s) => <option key={s} value={s}>{t(`referrals.status.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('referrals.inbox.caseNumber')}{' '}
          <input type="search" value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} />
        </label>
        <button type="submit">{t('referrals.inbox.find')}</button>
      </form>
      <QueryState isLoading={inbox.isLoading} error={inbox.error} isEmpty={!inbox.isLoading && items.length === 0} emptyText={t('referrals.inbox.empty')} />
      <ul className="referral-list" aria-label={t('referrals.inbox.title')}>
        {items.map((referral) => <li key={referral.id}><ReferralCard referral={referral} /></li>)}
      </ul>
      <LoadMore hasMore={Boolean(inbox.hasNextPage)} loading={inbox.isFetchingNextPage} onClick={() => void inbox.fetchNextPage()} />
    </section>
  );
}
