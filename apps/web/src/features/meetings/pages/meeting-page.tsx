import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { useSession } from '../../../lib/session';
import { useMeeting, useMeetingStep, type Meeting } from '../api/meetings';
import { ActionItemsTable } from '../components/action-items-table';
import { OutcomeForm } from '../components/outcome-form';
import { RequestReportForm, ReviewReportForm, SubmitReportForm } from '../components/report-forms';
import { StatusBadge } from '../components/status-badges';
import { AttendeesPanel, CancelForm, ChangesHistory, RescheduleForm } from '../components/meeting-changes';
import '../meetings.css';

const ORGANIZERS = ['MEETING_ORGANIZER', 'CASE_AGENT'];
/** Who may cancel, reschedule and add attendees: the organizing agency (the API scopes it) or the coordination team. */
const CHANGERS = [...ORGANIZERS, 'MEETING_COORDINATION'];
const OPEN_REPORT = ['REQUESTED', 'OVERDUE', 'RETURNED'];

/** One meeting: its notice (M1), outcome and action items, and its report (M3) from request to review. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const meeting = useMeeting(id);
  const m = meeting.data;
  return (
    <section className="meetings">
      <p><Link to="/meetings">{t('meetings.page.back')}</Link></p>
      <QueryState isLoading={meeting.isLoading} error={meeting.error} />
      {m ? (
        <>
          <h1>{m.title} <StatusBadge kind="meeting" status={m.status} /></h1>
          <MeetingFacts meeting={m} />
          <ChangesHistory meeting={m} />
          <AttendeesPanel meeting={m} canAdd={m.status !== 'CANCELLED' && hasRole(...CHANGERS)} />
          {m.status === 'SCHEDULED' && hasRole(...CHANGERS) ? (
            <div className="grid-2"><RescheduleForm meetingId={m.id} /><CancelForm meetingId={m.id} /></div>
          ) : null}
          <div className="grid-2">
            <div>
              <NoticePanel meeting={m} canGive={m.status !== 'CANCELLED' && hasRole(...ORGANIZERS)} />
              {m.outcome?.recordedAt ? <OutcomePanel meeting={m} />
                : m.status === 'SCHEDULED' && hasRole(...ORGANIZERS) ? <OutcomeForm meetingId={m.id} /> : null}
            </div>
            <div>
              <ReportPanel meeting={m} />
              {m.status !== 'CANCELLED' && m.report === 'NOT_REQUESTED' && m.deliverables.length > 0 && hasRole('MEETING_COORDINATION') ? <RequestReportForm meetingId={m.id} /> : null}
              {m.status !== 'CANCELLED' && OPEN_REPORT.includes(m.report) && hasRole(...ORGANIZERS) ? <SubmitReportForm meetingId={m.id} previous={m.reportBody} /> : null}
              {m.status !== 'CANCELLED' && m.report === 'SUBMITTED' && hasRole('MEETING_COORDINATION', 'LEADERSHIP') ? <ReviewReportForm meetingId={m.id} /> : null}
            </div>
          </div>
          <h2>{t('meetings.outcome.actionItems')}</h2>
          {m.actionItems.length === 0 ? <p className="empty">{t('meetings.actionItems.none')}</p> : <ActionItemsTable items={m.actionItems} />}
        </>
      ) : null}
    </section>
  );
}

function MeetingFacts({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  return (
    <dl className="facts panel">
      <div><dt>{t('meetings.fields.level')}</dt><dd>{t(`meetings.levels.${m.level}`, { defaultValue: m.level })}</dd></div>
      <div><dt>{t('meetings.fields.counterpartCountry')}</dt><dd>{t(`meetings.countries.${m.counterpartCountry}`, { defaultValue: m.counterpartCountry })}</dd></div>
      <div><dt>{t('meetings.fields.counterpartAgencies')}</dt><dd>{m.counterpartAgencies.join(', ')}</dd></div>
      <div><dt>{t('meetings.fields.scheduledAt')}</dt><dd><Time value={m.scheduledAt} /></dd></div>
      <div><dt>{t('meetings.fields.location')}</dt><dd>{m.location ?? '—'}</dd></div>
      <div><dt>{t('meetings.fields.organizer')}</dt><dd>{m.organizer} ({m.owningAgency})</dd></div>
      <div>
        <dt>{t('meetings.fields.case')}</dt>
        <dd>{m.caseId ? <Link to={`/cases/${m.caseId}`}>{t('meetings.page.openCase')}</Link> : t('meetings.page.noCase')}</dd>
      </div>
      <div className="wide">
        <dt>{t('meetings.fields.deliverables')}</dt>
        <dd>{m.deliverables.length ? m.deliverables.map((d) => t(`meetings.deliverables.${d}`, { defaultValue: d })).join('; ') : t('meetings.page.noDeliverables')}</dd>
      </div>
    </dl>
  );
}

function NoticePanel({ meeting: m, canGive }: { meeting: Meeting; canGive: boolean }) {
  const { t } = useTranslation();
  const notice = useMeetingStep<void>(m.id, 'notification');
  return (
    <div className="panel" aria-labelledby="notice-title">
      <h2 id="notice-title">{t('meetings.notice.title')}</h2>
      <p>{t('meetings.fields.notification')}: <StatusBadge kind="notification" status={m.notification} /></p>
      {m.notificationRequired ? (
        <p>{t('meetings.notice.due')} <Time value={m.notificationDueAt} /></p>
      ) : <p className="hint">{t('meetings.notice.notRequired')}</p>}
      {m.noticeAt ? <p>{t('meetings.notice.given', { by: m.noticeBy ?? '' })} <Time value={m.noticeAt} /></p> : null}
      {canGive && m.notificationRequired && !m.noticeAt && (m.notification === 'PENDING' || m.notification === 'MISSING') ? (
        <>
          <p className="hint">{t('meetings.notice.explain')}</p>
          <button type="button" onClick={() => notice.mutate()} disabled={notice.isPending}>{t('meetings.notice.give')}</button>
          <ProblemMessage error={notice.error} />
        </>
      ) : null}
    </div>
  );
}

function OutcomePanel({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  return (
    <div className="panel">
      <h2>{t('meetings.outcome.title')}</h2>
      <p>{t('meetings.outcome.heldAt')}: <Time value={m.outcome?.heldAt} /></p>
      <p className="prewrap">{m.outcome?.summary}</p>
      <p className="hint">{t('meetings.outcome.recordedBy', { by: m.outcome?.recordedBy ?? '' })} <Time value={m.outcome?.recordedAt} /></p>
    </div>
  );
}

function ReportPanel({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  return (
    <div className="panel" data-testid="report-panel">
      <h2>{t('meetings.report.title')}</h2>
      <p>{t('meetings.fields.report')}: <StatusBadge kind="report" status={m.report} />
        {m.reportDueAt ? <> · {t('meetings.report.dueAt')} <Time value={m.reportDueAt} /></> : null}</p>
      {m.reportBody ? <blockquote className="prewrap">{m.reportBody}</blockquote> : null}
      {m.reportHistory.length > 0 ? (
        <ol className="history">
          {m.reportHistory.map((h, i) => (
            <li key={i}>
              <Time value={h.at} /> — {t(`meetings.report.actions.${h.action}`, { defaultValue: h.action })} ({h.actor}{h.agency ? `, ${h.agency}` : ''})
              {h.note ? <>: <q>{h.note}</q></> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
