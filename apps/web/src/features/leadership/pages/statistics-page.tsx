import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/states';
import { STATS_GROUPINGS, STATS_METRICS, STATS_PATH, useStats, type StatsGrouping, type StatsMetric } from '../api/get-stats';
import { BarChart } from '../components/bar-chart';
import { CountsTable } from '../components/counts-table';
import { CsvDownloadButton } from '../components/csv-download-button';
import { DateRangeFilter, defaultRange, rangeQuery } from '../components/date-range';
import '../leadership.css';

const CHARTED: StatsMetric[] = ['seizures', 'firearms', 'tracesCompleted', 'hits', 'referrals', 'casesOpened'];

/** Statistics by month, agency, caliber and source state (README "Statistics"), as a chart and as the table it draws. */
export function StatisticsPage() {
  const { t } = useTranslation();
  const id = useId();
  const [range, setRange] = useState(defaultRange);
  const [groupBy, setGroupBy] = useState<StatsGrouping>('month');
  const [metric, setMetric] = useState<StatsMetric>('seizures');
  const query = useMemo(() => ({ ...rangeQuery(range), groupBy }), [range, groupBy]);
  const stats = useStats(query);
  const data = stats.data;
  const metricName = (m: string) => t(`leadership.stats.metrics.${m}`, { defaultValue: m });
  const groupName = (g: string) => (groupBy === 'month' ? g.slice(0, 7) : g);

  const series = useMemo(() => [{ name: metricName(metric), data: (data?.rows ?? []).map((r) => r.metrics[metric] ?? 0) }],
    [data, metric, t]);
  const categories = useMemo(() => (data?.rows ?? []).map((r) => groupName(r.group)),
    [data, groupBy]);

  return (
    <section className="leadership">
      <h1>{t('leadership.stats.title')}</h1>
      <DateRangeFilter value={range} onChange={setRange}>
        <div className="field">
          <label htmlFor={`${id}-group`}>{t('leadership.stats.groupBy')}</label>
          <select id={`${id}-group`} value={groupBy} onChange={(e) => setGroupBy(e.target.value as StatsGrouping)}>
            {STATS_GROUPINGS.map((g) => <option key={g} value={g}>{t(`leadership.stats.groupings.${g}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <CsvDownloadButton path={STATS_PATH} query={query} fileName={`statistics-${groupBy}-${range.from}-${range.to}.csv`} />
        </div>
      </DateRangeFilter>
      <QueryState isLoading={stats.isLoading} error={stats.error} />
      {data ? (
        <>
          <div className="panel">
            <div className="row chart-header">
              <h2>{t('leadership.stats.chartTitle', { grouping: t(`leadership.stats.groupings.${groupBy}`) })}</h2>
              <div className="field">
                <label htmlFor={`${id}-metric`}>{t('leadership.stats.metric')}</label>
                <select id={`${id}-metric`} value={metric} onChange={(e) => setMetric(e.target.value as StatsMetric)}>
                  {CHARTED.map((m) => <option key={m} value={m}>{metricName(m)}</option>)}
                </select>
              </div>
            </div>
            {data.rows.length === 0 ? <p className="empty">{t('leadership.stats.empty')}</p> : (
              <BarChart
                label={t('leadership.stats.chartLabel', { metric: metricName(metric), grouping: t(`leadership.stats.groupings.${groupBy}`) })}
                categories={categories} series={series}
              />
            )}
          </div>
          <h2 id={`${id}-table`}>{t('leadership.stats.tableTitle')}</h2>
          <div className="table-scroll" role="region" aria-labelledby={`${id}-table`} tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(`leadership.stats.groupings.${groupBy}`)}</th>
                  {groupBy === 'caliber' ? <th scope="col">{t('leadership.stats.weaponType')}</th> : null}
                  {STATS_METRICS.map((m) => <th scope="col" key={m}>{metricName(m)}</th>)}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={`${row.group}-${row.weaponType ?? ''}`}>
                    <th scope="row">{groupName(row.group)}</th>
                    {groupBy === 'caliber' ? <td>{row.weaponType ?? '—'}</td> : null}
                    {STATS_METRICS.map((m) => <td key={m} className="num">{row.metrics[m] ?? '—'}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="grid-3">
            <CountsTable title={t('leadership.stats.hitsByType')} counts={data.hitsByType} keyLabel={t('leadership.stats.type')} />
            <CountsTable title={t('leadership.stats.hitsByResolution')} counts={data.hitsByResolution} keyLabel={t('leadership.stats.resolution')} />
            <CountsTable
              title={t('leadership.stats.referralsByRule')} keyLabel={t('leadership.stats.rule')}
              counts={Object.fromEntries(Object.entries(data.referralsByRule)
                .map(([rule, byStatus]) => [rule, Object.values(byStatus).reduce((a, b) => a + b, 0)]))}
            />
          </div>
          <p className="hint">{t('leadership.stats.method')}</p>
        </>
      ) : null}
    </section>
  );
}
