import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { Time } from '../../../components/ui/time';
import { fromLocalInput } from '../../../lib/format';
import { useMeetingStep, type Attendee, type Meeting, type Reschedule } from '../api/meetings';
import { AttendeesEditor } from './attendees-editor';

/** Move the meeting: the notice due time (M1) is recomputed for the new time. */
export function RescheduleForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [scheduledAt, setScheduledAt] = useState('');
  const [reason, setReason] = useState('');
  const step = useMeetingStep<Reschedule>(meetingId, 'reschedule', (input) => input);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    step.mutate({ scheduledAt: fromLocalInput(scheduledAt), reason }, { onSuccess: () => { setScheduledAt(''); setReason(''); } });
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="reschedule-title">
      <h2 id="reschedule-title">{t('meetings.changes.rescheduleTitle')}</h2>
      <FormField label={t('meetings.changes.newTime')} name="scheduledAt" error={step.error} required>
        {(p) => <input {...p} type="datetime-local" value={scheduledAt} onChange={(e) => setScheduledAt(e.target.value)} />}
      </FormField>
      <FormField label={t('meetings.changes.rescheduleReason')} name="reason" error={step.error} required>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </FormField>
      <ProblemMessage error={step.error} />
      <button type="submit" disabled={step.isPending}>{t('meetings.changes.reschedule')}</button>
    </form>
  );
}

/** Call the meeting off: its clocks stop and nothing more is owed for it. */
export function CancelForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const step = useMeetingStep<string>(meetingId, 'cancel', (input) => ({ reason: input }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    step.mutate(reason);
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="cancel-title">
      <h2 id="cancel-title">{t('meetings.changes.cancelTitle')}</h2>
      <p className="hint">{t('meetings.changes.cancelHint')}</p>
      <FormField label={t('meetings.changes.cancelReason')} name="reason" error={step.error} required>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </FormField>
      <ProblemMessage error={step.error} />
      <button type="submit" className="danger" disabled={step.isPending}>{t('meetings.changes.cancel')}</button>
    </form>
  );
}

/** Who attends, and (before a cancellation) a form to add more. */
export function AttendeesPanel({ meeting: m, canAdd }: { meeting: Meeting; canAdd: boolean }) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Attendee[]>([]);
  const step = useMeetingStep<Attendee[]>(m.id, 'attendees', (attendees) => ({ attendees }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    step.mutate(drafts, { onSuccess: () => setDrafts([]) });
  };
  return (
    <div className="panel" aria-labelledby="attendees-title">
      <h2 id="attendees-title">{t('meetings.attendees.title')}</h2>
      {m.attendees.length === 0 ? <p className="empty">{t('meetings.attendees.none')}</p> : (
        <ul className="attendees" aria-label={t('meetings.attendees.title')}>
          {m.attendees.map((a, i) => <li key={i}>{a.name} ({a.agency})</li>)}
        </ul>
      )}
      {canAdd ? (
        <form onSubmit={submit} noValidate>
          <AttendeesEditor attendees={drafts} onChange={setDrafts} error={step.error} />
          <ProblemMessage error={step.error} />
          {drafts.length > 0 ? <button type="submit" disabled={step.isPending}>{t('meetings.attendees.save')}</button> : null}
        </form>
      ) : null}
    </div>
  );
}

/** The cancellation and the reschedulings, as recorded. */
export function ChangesHistory({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  if (!m.cancellation && m.scheduleHistory.length === 0) return null;
  return (
    <div className="panel" data-testid="meeting-changes">
      <h2>{t('meetings.changes.history')}</h2>
      {m.cancellation ? (
        <p role="status">{t('meetings.changes.cancelledBy', { by: m.cancellation.by, reason: m.cancellation.reason })} <Time value={m.cancellation.at} /></p>
      ) : null}
      <ol className="history">
        {m.scheduleHistory.map((h, i) => (
          <li key={i}>
            {t('meetings.changes.moved', { by: h.by, reason: h.reason })} <Time value={h.from} /> → <Time value={h.to} />
          </li>
        ))}
      </ol>
    </div>
  );
}
