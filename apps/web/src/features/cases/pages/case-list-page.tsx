import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { useCases } from '../api/get-cases';
import { CASE_CATEGORIES, CASE_STATUSES, type CaseScope } from '../api/types';
import { StatusBadge } from '../components/status-badge';
import '../cases.css';

const SCOPES: CaseScope[] = ['own', 'shared'];

/** The agency's own cases, or those other agencies shared with it; filters live in the address, so a link keeps them. */
export function CaseListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const scope: CaseScope = params.get('scope') === 'shared' ? 'shared' : 'own';
  const status = params.get('status') ?? '';
  const category = params.get('category') ?? '';
  const query = useCases({ scope, status: status || undefined, category: category || undefined });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const ready = query.isSuccess;

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <section>
      <div className="case-list-head">
        <h1>{t('cases.list.title')}</h1>
        <Link className="button-link" to="/cases/new">{t('cases.list.newCase')}</Link>
      </div>
      <div className="row case-filters">
        <div role="group" aria-label={t('cases.list.scope')} className="case-scope">
          {SCOPES.map((s) => (
            <button key={s} type="button" aria-pressed={scope === s} className={scope === s ? '' : 'secondary'} onClick={() => set('scope', s === 'own' ? '' : s)}>
              {t(`cases.list.scopes.${s}`)}
            </button>
          ))}
        </div>
        <label className="field">
          {t('cases.fields.status')}
          <select value={status} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('cases.list.anyStatus')}</option>
            {CASE_STATUSES.map((s) => <option key={s} value={s}>{t(`cases.statuses.${s}`)}</option>)}
          </select>
        </label>
        <label className="field">
          {t('cases.fields.category')}
          <select value={category} onChange={(e) => set('category', e.target.value)}>
            <option value="">{t('cases.list.anyCategory')}</option>
            {CASE_CATEGORIES.map((c) => <option key={c} value={c}>{t(`cases.categories.${c}`)}</option>)}
          </select>
        </label>
      </div>
      {/* The benchmark and the journeys wait on data-ready: the first page (or the empty state) is on screen. */}
      <div data-testid="case-list" data-ready={ready ? 'true' : undefined} aria-busy={query.isLoading}>
        <QueryState isLoading={query.isLoading} error={query.error} isEmpty={ready && items.length === 0}
          emptyText={t(scope === 'shared' ? 'cases.list.emptyShared' : 'cases.list.empty')} />
        {items.length > 0 ? (
          <table aria-label={t(`cases.list.scopes.${scope}`)}>
            <thead>
              <tr>
                <th scope="col">{t('cases.fields.caseNumber')}</th>
                <th scope="col">{t('cases.fields.title')}</th>
                <th scope="col">{t('cases.fields.category')}</th>
                <th scope="col">{t('cases.fields.status')}</th>
                <th scope="col">{t('cases.fields.owningAgency')}</th>
                <th scope="col">{t('cases.fields.updatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td><Link to={`/cases/${c.id}`}>{c.caseNumber}</Link></td>
                  <td>{c.title}</td>
                  <td>{t(`cases.categories.${c.category}`, { defaultValue: c.category })}</td>
                  <td><StatusBadge status={c.status} /></td>
                  <td>{c.owningAgency}</td>
                  <td><Time value={c.updatedAt ?? c.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      <LoadMore hasMore={Boolean(query.hasNextPage)} loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()} />
    </section>
  );
}
