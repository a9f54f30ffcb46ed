import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { Time } from '../../../components/ui/time';
import type { DeskHit } from '../api/hits';
import { useReopenHit } from '../api/reopen';

/** Issue 17: the coordinator reopens a resolved hit with a reason; its escalation clock starts again. */
export function ReopenForm({ hit }: { hit: DeskHit }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const reopen = useReopenHit(() => setReason(''));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reopen.mutate({ id: hit.id, reason });
  };
  return (
    <section className="panel" aria-labelledby="reopen-heading">
      <h2 id="reopen-heading">{t('deconfliction.reopen.title')}</h2>
      <form onSubmit={submit} noValidate>
        <FormField label={t('deconfliction.reopen.reason')} name="reason" error={reopen.error} required hint={t('deconfliction.reopen.hint')}>
          {(props) => <textarea {...props} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={4000} />}
        </FormField>
        <ProblemMessage error={reopen.error} />
        <button type="submit" disabled={reopen.isPending}>{reopen.isPending ? t('deconfliction.reopen.saving') : t('deconfliction.reopen.submit')}</button>
      </form>
    </section>
  );
}

/** Shown on an open hit that was reopened: when, by whom and why. */
export function ReopenedNote({ hit }: { hit: DeskHit }) {
  const { t } = useTranslation();
  if (!hit.reopenedAt) return null;
  return (
    <p className="deconf-note" data-testid="reopened-note">
      {t('deconfliction.reopen.recorded', { by: hit.reopenedBy ?? '' })} <Time value={hit.reopenedAt} />: {hit.reopenReason}
    </p>
  );
}
