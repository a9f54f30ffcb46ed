import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { useSeizures } from '../api/seizures';
import { SEIZURE_ELEMENTS } from '../api/types';
import '../seizures.css';

/** The agency's seizures (and those shared with it), each with how many of the ten elements it has. */
export function SeizuresPage() {
  const { t } = useTranslation();
  const seizures = useSeizures();
  const items = seizures.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="seizures-page">
      <div className="page-head">
        <h1>{t('seizures.list.title')}</h1>
        <Link className="button-link" to="/seizures/new">{t('seizures.list.new')}</Link>
        <Link to="/traces">{t('seizures.list.traces')}</Link>
      </div>
      <QueryState isLoading={seizures.isLoading} error={seizures.error} isEmpty={!seizures.isLoading && items.length === 0} emptyText={t('seizures.list.empty')} />
      {items.length > 0 ? (
        <table>
          <caption className="visually-hidden">{t('seizures.list.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('seizures.list.seizedAt')}</th>
              <th scope="col">{t('seizures.list.firearms')}</th>
              <th scope="col">{t('seizures.list.agency')}</th>
              <th scope="col">{t('seizures.list.completeness')}</th>
              <th scope="col">{t('seizures.list.sharing')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td><Link to={`/seizures/${s.id}`}><Time value={s.seizedAt} /></Link></td>
                <td>{s.firearms.map((f) => f.serialNumber).join(', ')}</td>
                <td>{s.owningAgency}</td>
                <td>
                  <span className={s.readyToShare ? 'badge badge-ok' : 'badge badge-warn'}>
                    {t('seizures.checklist.summary', { present: s.completeness.present.length, total: SEIZURE_ELEMENTS.length })}
                  </span>
                </td>
                <td>{s.sharedWith && s.sharedWith.length > 0 ? t('seizures.list.sharedWith', { agencies: s.sharedWith.join(', ') }) : s.readyToShare ? t('seizures.list.ready') : t('seizures.list.notReady')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <LoadMore hasMore={Boolean(seizures.hasNextPage)} loading={seizures.isFetchingNextPage} onClick={() => void seizures.fetchNextPage()} />
    </section>
  );
}
