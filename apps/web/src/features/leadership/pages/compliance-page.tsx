import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { COMPLIANCE_PATH, NOTIFICATION_STATUSES, REPORT_STATUSES, useCompliance } from '../api/get-compliance';
import { BarChart } from '../components/bar-chart';
import { CsvDownloadButton } from '../components/csv-download-button';
import { DateRangeFilter, defaultRange, rangeQuery } from '../components/date-range';
import '../leadership.css';

const ROWS_PER_PAGE = 50;

/** M4: which meetings were notified on time, late or not at all; which reports are requested, overdue, submitted, reviewed. */
export function CompliancePage() {
  const { t } = useTranslation();
  const [range, setRange] = useState(defaultRange);
  const [shown, setShown] = useState(ROWS_PER_PAGE);
  const query = useMemo(() => rangeQuery(range), [range]);
  const report = useCompliance(query);
  const data = report.data;

  const chart = useMemo(() => {
    const totals = data?.totals;
    const categories = [
      ...NOTIFICATION_STATUSES.map((s) => t(`leadership.compliance.notificationStatus.${s}`)),
      ...REPORT_STATUSES.map((s) => t(`leadership.compliance.reportStatus.${s}`)),
    ];
    return {
      categories,
      series: [
        { name: t('leadership.compliance.notification'), data: [...NOTIFICATION_STATUSES.map((s) => totals?.notification[s] ?? 0), ...REPORT_STATUSES.map(() => 0)] },
        { name: t('leadership.compliance.report'), data: [...NOTIFICATION_STATUSES.map(() => 0), ...REPORT_STATUSES.map((s) => totals?.report[s] ?? 0)] },
      ],
    };
  }, [data, t]);

  return (
    <section className="leadership">
      <h1>{t('leadership.compliance.title')}</h1>
      <p className="hint">{t('leadership.compliance.intro')}</p>
      <DateRangeFilter value={range} onChange={(next) => { setRange(next); setShown(ROWS_PER_PAGE); }}>
        <div className="field"><CsvDownloadButton path={COMPLIANCE_PATH} query={query} fileName={`meeting-compliance-${range.from}-${range.to}.csv`} /></div>
      </DateRangeFilter>
      <QueryState isLoading={report.isLoading} error={report.error} />
      {data ? (
        <>
          <div className="grid-2">
            <div className="panel">
              <h2>{t('leadership.compliance.totalsTitle')}</h2>
              <BarChart
                label={t('leadership.compliance.chartLabel', { count: data.items.length })}
                categories={chart.categories} series={chart.series} stacked
              />
            </div>
            <div className="panel">
              <h2>{t('leadership.compliance.totalsTable')}</h2>
              <table>
                <caption className="visually-hidden">{t('leadership.compliance.totalsTable')}</caption>
                <thead><tr><th scope="col">{t('leadership.compliance.status')}</th><th scope="col">{t('leadership.compliance.meetings')}</th></tr></thead>
                <tbody>
                  {NOTIFICATION_STATUSES.map((s) => (
                    <tr key={`n-${s}`}><th scope="row">{t('leadership.compliance.notification')}: {t(`leadership.compliance.notificationStatus.${s}`)}</th><td>{data.totals.notification[s] ?? 0}</td></tr>
                  ))}
                  {REPORT_STATUSES.map((s) => (
                    <tr key={`r-${s}`}><th scope="row">{t('leadership.compliance.report')}: {t(`leadership.compliance.reportStatus.${s}`)}</th><td>{data.totals.report[s] ?? 0}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <h2>{t('leadership.compliance.meetingsTitle', { count: data.items.length })}</h2>
          {data.items.length === 0 ? <p className="empty">{t('leadership.compliance.empty')}</p> : (
            <table>
              <caption className="visually-hidden">{t('leadership.compliance.meetingsTitle', { count: data.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('leadership.compliance.meeting')}</th><th scope="col">{t('leadership.compliance.level')}</th>
                  <th scope="col">{t('leadership.compliance.country')}</th><th scope="col">{t('leadership.compliance.scheduledAt')}</th>
                  <th scope="col">{t('leadership.compliance.notification')}</th><th scope="col">{t('leadership.compliance.report')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.slice(0, shown).map((item) => (
                  <tr key={item.id}>
                    <td><Link to={`/meetings/${item.id}`}>{item.title}</Link></td>
                    <td>{t(`leadership.compliance.levels.${item.level}`, { defaultValue: item.level })}</td>
                    <td>{item.counterpartCountry}</td>
                    <td><Time value={item.scheduledAt} /></td>
                    <td><span className={`badge status-${item.notification}`}>{t(`leadership.compliance.notificationStatus.${item.notification}`, { defaultValue: item.notification })}</span></td>
                    <td><span className={`badge status-${item.report}`}>{t(`leadership.compliance.reportStatus.${item.report}`, { defaultValue: item.report })}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data.items.length > shown ? (
            <p>
              <button type="button" className="secondary" onClick={() => setShown(shown + ROWS_PER_PAGE)}>
                {t('leadership.compliance.showMore', { shown, total: data.items.length })}
              </button>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
