import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { useTraces } from '../api/traces';
import { TRACE_STATUSES } from '../api/types';
import { TraceTable } from '../components/trace-table';
import '../seizures.css';

/** Trace requests the agency made or must answer, with their clocks; the tracing agency records results here. */
export function TracesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const traces = useTraces(status);
  const items = traces.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="seizures-page">
      <h1>{t('seizures.traces.title')}</h1>
      <label>
        {t('seizures.traces.status')}{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('seizures.traces.allStatuses')}</option>
          {[...TRACE_STATUSES, 'OVERDUE'].map((s) => <option key={s} value={s}>{t(`seizures.traceStatus.${s}`)}</option>)}
        </select>
      </label>
      <QueryState isLoading={traces.isLoading} error={traces.error} isEmpty={!traces.isLoading && items.length === 0} emptyText={t('seizures.traces.none')} />
      {items.length > 0 ? <TraceTable traces={items} caption={t('seizures.traces.title')} /> : null}
      <LoadMore hasMore={Boolean(traces.hasNextPage)} loading={traces.isFetchingNextPage} onClick={() => void traces.fetchNextPage()} />
    </section>
  );
}
