import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { useCases, type OpenFilter } from '../api/get-cases';
import { CASE_CATEGORIES, CASE_STATUSES, type CaseScope } from '../api/types';
import { CaseSearchBox, CaseSearchResults } from '../components/case-search';
import { CaseTable } from '../components/case-table';
import '../cases.css';

const SCOPES: CaseScope[] = ['own', 'shared'];
const OPEN_FILTERS = ['openHits', 'openReferrals'] as const;
const openFilter = (value: string | null): OpenFilter | undefined => (value === 'true' || value === 'false' ? value : undefined);

/**
 * The agency's own cases, or those other agencies shared with it; or, with a search, every readable case that matches.
 * Filters and the query live in the address, so a link keeps them.
 */
export function CaseListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const scope: CaseScope = params.get('scope') === 'shared' ? 'shared' : 'own';
  const status = params.get('status') ?? '';
  const category = params.get('category') ?? '';
  const q = params.get('q') ?? '';
  const openHits = openFilter(params.get('openHits'));
  const openReferrals = openFilter(params.get('openReferrals'));
  const query = useCases({ scope, status: status || undefined, category: category || undefined, openHits, openReferrals }, !q);
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
      <CaseSearchBox key={q} q={q} onSearch={(text) => set('q', text)} />
      {q ? <CaseSearchResults q={q} /> : (
        <>
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
            {OPEN_FILTERS.map((name) => (
              <label key={name} className="field">
                {t(`cases.list.filters.${name}`)}
                <select value={params.get(name) ?? ''} onChange={(e) => set(name, e.target.value)}>
                  <option value="">{t('cases.list.filters.any')}</option>
                  <option value="true">{t('cases.list.filters.withOpen')}</option>
                  <option value="false">{t('cases.list.filters.withoutOpen')}</option>
                </select>
              </label>
            ))}
          </div>
          {/* The benchmark and the journeys wait on data-ready: the first page (or the empty state) is on screen. */}
          <div data-testid="case-list" data-ready={ready ? 'true' : undefined} aria-busy={query.isLoading}>
            <QueryState isLoading={query.isLoading} error={query.error} isEmpty={ready && items.length === 0}
              emptyText={t(scope === 'shared' ? 'cases.list.emptyShared' : 'cases.list.empty')} />
            {items.length > 0 ? (
              <CaseTable items={items} label={t(`cases.list.scopes.${scope}`)} />
            ) : null}
          </div>
          <LoadMore hasMore={Boolean(query.hasNextPage)} loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()} />
        </>
      )}
    </section>
  );
}
