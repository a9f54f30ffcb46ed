import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useCloseCase } from '../api/case-mutations';
import { CASE_RESULTS } from '../api/types';

/** Closing with an outcome; while hits or referrals are open the API says which (409) and the case stays open. */
export function ClosePanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('');
  const [result, setResult] = useState('');
  const close = useCloseCase(caseId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    close.mutate({ outcome, ...(result ? { result } : {}) });
  };
  return (
    <section className="panel" aria-labelledby="case-close-heading">
      <h2 id="case-close-heading">{t('cases.close.title')}</h2>
      <form onSubmit={submit} noValidate aria-labelledby="case-close-heading">
        <FormField label={t('cases.close.outcome')} name="outcome" error={close.error} required>
          {(p) => <textarea {...p} value={outcome} onChange={(e) => setOutcome(e.target.value)} />}
        </FormField>
        <FormField label={t('cases.close.result')} name="result" error={close.error}>
          {(p) => (
            <select {...p} value={result} onChange={(e) => setResult(e.target.value)}>
              <option value="">{t('cases.close.noResult')}</option>
              {CASE_RESULTS.map((r) => <option key={r} value={r}>{t(`cases.results.${r}`)}</option>)}
            </select>
          )}
        </FormField>
        {close.error?.kind === 'conflict' ? <p className="hint">{t('cases.close.blocked')}</p> : null}
        <ProblemMessage error={close.error} />
        <button type="submit" className="danger" disabled={close.isPending}>{t('cases.close.submit')}</button>
      </form>
    </section>
  );
}
