import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { useCase } from '../api/get-case';
import { AddItemsPanel } from '../components/add-items-panel';
import { CaseItems } from '../components/case-items';
import { ClosePanel } from '../components/close-panel';
import { EditCasePanel } from '../components/edit-case-panel';
import { HitsPanel } from '../components/hits-panel';
import { ReferralsPanel } from '../components/referrals-panel';
import { SharesPanel } from '../components/shares-panel';
import { StatusBadge } from '../components/status-badge';
import { ReferCasePanel } from '../../referrals/components/refer-case-panel';
import '../cases.css';

const FLAG_KEYS = ['cartelLink', 'domesticSale', 'exportSmuggling'] as const;

/**
 * One case, for its owning agency or an agency it is shared with: status, items, hits (pointers), referrals, shares,
 * closing. Every notification refreshes it, so a new hit shows without a reload.
 */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useCase(id);
  const detail = query.data;
  if (!detail) {
    return (
      <section>
        <p><Link to="/cases">{t('cases.page.back')}</Link></p>
        <h1>{t('cases.page.loadingTitle')}</h1>
        <QueryState isLoading={query.isLoading} error={query.error} />
      </section>
    );
  }
  const owner = detail.access === 'OWNER';
  const open = detail.status !== 'CLOSED';
  const flags = [
    ...(detail.flags.portOfEntry ? [t('cases.page.portOfEntry', { port: detail.flags.portOfEntry })] : []),
    ...FLAG_KEYS.filter((k) => detail.flags[k]).map((k) => t(`cases.flags.${k}`)),
  ];
  return (
    <section className="case-page" data-testid="case-page" data-case-id={detail.id}>
      <p><Link to="/cases">{t('cases.page.back')}</Link></p>
      <h1>
        <span className="case-number">{detail.caseNumber}</span> {detail.title}
      </h1>
      <div className="panel case-summary">
        <dl className="case-facts">
          <div><dt>{t('cases.fields.status')}</dt><dd data-testid="case-status"><StatusBadge status={detail.status} /></dd></div>
          <div><dt>{t('cases.fields.category')}</dt><dd>{t(`cases.categories.${detail.category}`, { defaultValue: detail.category })}</dd></div>
          <div><dt>{t('cases.fields.owningAgency')}</dt><dd>{detail.owningAgency}{owner ? '' : ` (${t('cases.page.sharedWithYou')})`}</dd></div>
          <div><dt>{t('cases.page.leadAgent')}</dt><dd>{detail.leadAgent ? `${detail.leadAgent.fullName}${detail.leadAgent.phone ? ` · ${detail.leadAgent.phone}` : ''}` : '—'}</dd></div>
          <div><dt>{t('cases.page.openHits')}</dt><dd>{detail.openHits}</dd></div>
          <div><dt>{t('cases.fields.createdAt')}</dt><dd><Time value={detail.createdAt} /></dd></div>
          <div><dt>{t('cases.form.flags')}</dt><dd>{flags.length ? flags.join(' · ') : '—'}</dd></div>
          {detail.closedAt ? <div><dt>{t('cases.page.closed')}</dt><dd><Time value={detail.closedAt} /> · {detail.outcome}</dd></div> : null}
        </dl>
        {detail.summary ? <p className="case-summary-text">{detail.summary}</p> : null}
      </div>
      {owner && open ? <EditCasePanel detail={detail} /> : null}
      <HitsPanel caseId={detail.id} />
      <CaseItems detail={detail} />
      <ReferralsPanel referrals={detail.referrals} />
      {owner && open ? <ReferCasePanel detail={detail} /> : null}
      {owner ? <SharesPanel caseId={detail.id} shares={detail.shares ?? []} canChange={owner} /> : null}
      {owner && open ? <AddItemsPanel caseId={detail.id} /> : null}
      {owner && open ? <ClosePanel caseId={detail.id} /> : null}
    </section>
  );
}
