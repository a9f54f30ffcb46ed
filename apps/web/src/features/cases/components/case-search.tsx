import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH, useCaseSearch } from '../api/search-cases';
import { CaseTable } from './case-table';

/** The search box: a query is sent only once it is long enough for the API to take it. */
export function CaseSearchBox({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(q);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form role="search" className="row case-search" onSubmit={submit}>
      <label className="field">
        {t('cases.search.label')}
        <input type="search" name="q" value={text} maxLength={SEARCH_MAX_LENGTH} placeholder={t('cases.search.placeholder')}
          onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit" disabled={text.trim().length > 0 && text.trim().length < SEARCH_MIN_LENGTH}>{t('cases.search.submit')}</button>
      {q ? <button type="button" className="secondary" onClick={() => { setText(''); onSearch(''); }}>{t('cases.search.clear')}</button> : null}
    </form>
  );
}

/** The readable cases that match, each linking to its page. */
export function CaseSearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const query = useCaseSearch(q);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const ready = query.isSuccess;
  return (
    <>
      <div data-testid="case-search-results" data-ready={ready ? 'true' : undefined} aria-busy={query.isLoading}>
        <QueryState isLoading={query.isLoading} error={query.error} isEmpty={ready && items.length === 0}
          emptyText={t('cases.search.empty', { q })} />
        {items.length > 0 ? <CaseTable items={items} label={t('cases.search.results', { q })} /> : null}
      </div>
      <LoadMore hasMore={Boolean(query.hasNextPage)} loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()} />
    </>
  );
}
