import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { fromLocalInput } from '../../../lib/format';
import { useMeetingStep, type Review } from '../api/meetings';

/** M3: the meeting-coordination team asks for a follow-up report; the due date defaults to the API's. */
export function RequestReportForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [dueAt, setDueAt] = useState('');
  const step = useMeetingStep<{ dueAt?: string }>(meetingId, 'report-request', (input) => input);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    step.mutate({ dueAt: fromLocalInput(dueAt) });
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="request-title">
      <h2 id="request-title">{t('meetings.report.requestTitle')}</h2>
      <FormField label={t('meetings.report.dueAt')} name="dueAt" error={step.error} hint={t('meetings.report.dueAtHint')}>
        {(p) => <input {...p} type="datetime-local" value={dueAt} onChange={(e) => setDueAt(e.target.value)} />}
      </FormField>
      <ProblemMessage error={step.error} />
      <button type="submit" disabled={step.isPending}>{t('meetings.report.request')}</button>
    </form>
  );
}

/** The organizer's report on the meeting's results. */
export function SubmitReportForm({ meetingId, previous }: { meetingId: string; previous: string | null }) {
  const { t } = useTranslation();
  const [body, setBody] = useState(previous ?? '');
  const step = useMeetingStep<string>(meetingId, 'report', (text) => ({ body: text }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    step.mutate(body);
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="report-title">
      <h2 id="report-title">{t('meetings.report.submitTitle')}</h2>
      <FormField label={t('meetings.report.body')} name="body" error={step.error} required>
        {(p) => <textarea {...p} rows={8} value={body} onChange={(e) => setBody(e.target.value)} />}
      </FormField>
      <ProblemMessage error={step.error} />
      <button type="submit" disabled={step.isPending}>{t('meetings.report.submit')}</button>
    </form>
  );
}

/** Accept the report, or return it with what is missing (and, optionally, a new due date). */
export function ReviewReportForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<Review['decision']>('ACCEPT');
  const [comment, setComment] = useState('');
  const [dueAt, setDueAt] = useState('');
  const step = useMeetingStep<Review>(meetingId, 'report/review', (input) => input);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    step.mutate({ decision, comment, dueAt: decision === 'RETURN' ? fromLocalInput(dueAt) : undefined });
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="review-title">
      <h2 id="review-title">{t('meetings.report.reviewTitle')}</h2>
      <fieldset className="decision">
        <legend>{t('meetings.report.decision')}</legend>
        {(['ACCEPT', 'RETURN'] as const).map((d) => (
          <label key={d} className="check">
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
            {t(`meetings.report.decisions.${d}`)}
          </label>
        ))}
      </fieldset>
      <FormField label={t('meetings.report.comment')} name="comment" error={step.error} required>
        {(p) => <textarea {...p} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </FormField>
      {decision === 'RETURN' ? (
        <FormField label={t('meetings.report.newDueAt')} name="dueAt" error={step.error} hint={t('meetings.report.dueAtHint')}>
          {(p) => <input {...p} type="datetime-local" value={dueAt} onChange={(e) => setDueAt(e.target.value)} />}
        </FormField>
      ) : null}
      <ProblemMessage error={step.error} />
      <button type="submit" disabled={step.isPending}>{t('meetings.report.review')}</button>
    </form>
  );
}
