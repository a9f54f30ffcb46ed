import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { useCaseHits } from '../api/get-case';
import { TierBadge } from '../../deconfliction/components/tier-badge';
import '../../deconfliction/deconfliction.css';

/**
 * The case's deconfliction hits as pointers: what kind of value matched (this case's own value), how it met (the API's
 * reason, which carries nothing of the other side), which agency and case number, and whom to call. Nothing of the
 * other case is shown, because the API gives nothing of it.
 */
export function HitsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const hits = useCaseHits(caseId);
  const items = hits.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="case-hits-heading" data-testid="case-hits">
      <h2 id="case-hits-heading">{t('cases.hits.title')} {items.length > 0 ? <span className="badge badge-urgent">{items.length}</span> : null}</h2>
      <p className="hint">{t('cases.hits.pointerOnly')}</p>
      <QueryState isLoading={hits.isLoading} error={hits.error} isEmpty={hits.isSuccess && items.length === 0} emptyText={t('cases.hits.empty')} />
      {items.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('cases.hits.matchType')}</th>
              <th scope="col">{t('cases.hits.matchedValue')}</th>
              <th scope="col">{t('cases.hits.status')}</th>
              <th scope="col">{t('cases.hits.agency')}</th>
              <th scope="col">{t('cases.hits.caseNumber')}</th>
              <th scope="col">{t('cases.hits.contact')}</th>
              <th scope="col">{t('cases.hits.raised')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((hit) => (
              <tr key={hit.id} data-testid="case-hit" data-match-type={hit.matchType}>
                <td>
                  <span className={hit.matchType === 'EVENT' ? 'badge badge-urgent' : 'badge'}>{t(`cases.matchTypes.${hit.matchType}`, { defaultValue: hit.matchType })}</span>
                  {hit.tier ? <span data-testid="hit-tier">{' '}<TierBadge tier={hit.tier} /></span> : null}
                  <span className="hint hit-reason" data-testid="hit-reason">
                    {hit.reason ?? (hit.tier ? t(`cases.tierReasons.${hit.tier}`, { defaultValue: '' }) : '')}
                  </span>
                </td>
                <td>
                  {hit.matchedValue}
                  {hit.matchedForm && hit.counterpartForm ? (
                    <div className="hint" data-testid="hit-name-forms">
                      {t('cases.hits.nameForms', { own: t(`cases.forms.${hit.matchedForm}`), other: t(`cases.forms.${hit.counterpartForm}`) })}
                    </div>
                  ) : null}
                </td>
                <td>
                  {t(`cases.hitStatuses.${hit.status}`, { defaultValue: hit.status })}
                  {hit.resolution ? <> · {t(`cases.resolutions.${hit.resolution}`, { defaultValue: hit.resolution })}</> : null}
                </td>
                <td>{hit.counterpart.agency}</td>
                <td data-testid="hit-record">
                  {hit.counterpart.seizureId
                    ? t('cases.hits.seizureRecord', { reference: hit.counterpart.seizureId.slice(0, 8) })
                    : hit.counterpart.caseNumber ?? '—'}
                </td>
                <td data-testid="hit-contact">
                  {hit.counterpart.agentName}
                  {hit.counterpart.contactAgency ? ` (${hit.counterpart.contactAgency})` : null}
                  {hit.counterpart.agentPhone ? <> · <a href={`tel:${hit.counterpart.agentPhone}`}>{hit.counterpart.agentPhone}</a></> : null}
                  {hit.counterpart.agentEmail ? <> · <a href={`mailto:${hit.counterpart.agentEmail}`}>{hit.counterpart.agentEmail}</a></> : null}
                </td>
                <td><Time value={hit.createdAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
