import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { useSession } from '../../../lib/session';
import { useMeetings } from '../api/meetings';
import { StatusBadge } from '../components/status-badges';
import '../meetings.css';

export const CREATORS = ['MEETING_ORGANIZER', 'CASE_AGENT'];

/** Meetings with foreign counterparts the user may see, newest first, with where their notice and report stand. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const meetings = useMeetings();
  const items = meetings.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="meetings">
      <div className="row page-header">
        <h1>{t('meetings.list.title')}</h1>
        {hasRole(...CREATORS) ? <Link className="button-link" to="/meetings/new">{t('meetings.list.create')}</Link> : null}
        <Link to="/action-items">{t('meetings.list.actionItems')}</Link>
      </div>
      <QueryState isLoading={meetings.isLoading} error={meetings.error} isEmpty={!meetings.isLoading && items.length === 0} emptyText={t('meetings.list.empty')} />
      {items.length > 0 ? (
        <table>
          <caption className="visually-hidden">{t('meetings.list.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.fields.title')}</th><th scope="col">{t('meetings.fields.level')}</th>
              <th scope="col">{t('meetings.fields.counterpartCountry')}</th><th scope="col">{t('meetings.fields.scheduledAt')}</th>
              <th scope="col">{t('meetings.fields.agency')}</th>
              <th scope="col">{t('meetings.fields.notification')}</th><th scope="col">{t('meetings.fields.report')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id}>
                <td><Link to={`/meetings/${m.id}`}>{m.title}</Link></td>
                <td>{t(`meetings.levels.${m.level}`, { defaultValue: m.level })}</td>
                <td>{t(`meetings.countries.${m.counterpartCountry}`, { defaultValue: m.counterpartCountry })}</td>
                <td><Time value={m.scheduledAt} /></td>
                <td>{m.owningAgency}</td>
                <td><StatusBadge kind="notification" status={m.notification} /></td>
                <td><StatusBadge kind="report" status={m.report} />{m.reportDueAt ? <> <span className="hint">{t('meetings.list.due')} <Time value={m.reportDueAt} /></span></> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <LoadMore hasMore={Boolean(meetings.hasNextPage)} loading={meetings.isFetchingNextPage} onClick={() => void meetings.fetchNextPage()} />
    </section>
  );
}
