import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useCreateCase, type NewCaseBody } from '../api/case-mutations';
import { CASE_CATEGORIES } from '../api/types';
import { itemsBody, type FirearmDraft, type IdentifierDraft, type OperationDraft, type SubjectDraft } from '../components/drafts';
import { FirearmRows } from '../components/firearm-rows';
import { IdentifierRows } from '../components/identifier-rows';
import { OperationRows } from '../components/operation-rows';
import { SubjectRows } from '../components/subject-rows';
import '../cases.css';

type FlagKey = 'cartelLink' | 'domesticSale' | 'exportSmuggling';
const FLAG_KEYS: FlagKey[] = ['cartelLink', 'domesticSale', 'exportSmuggling'];

/**
 * Opening a case with its items. What was typed stays on any failure (bad input, lost connection, ended session);
 * a retry sends the same Idempotency-Key, so a case whose answer was lost is not opened twice.
 */
export function NewCasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [category, setCategory] = useState<string>('ARMS_TRAFFICKING');
  const [portOfEntry, setPortOfEntry] = useState('');
  const [flags, setFlags] = useState<Record<FlagKey, boolean>>({ cartelLink: false, domesticSale: false, exportSmuggling: false });
  const [subjects, setSubjects] = useState<SubjectDraft[]>([]);
  const [identifiers, setIdentifiers] = useState<IdentifierDraft[]>([]);
  const [firearms, setFirearms] = useState<FirearmDraft[]>([]);
  const [operations, setOperations] = useState<OperationDraft[]>([]);
  // Nothing waits for the navigation: `void` drops react-router's promise on purpose.
  const submission = useCreateCase((created) => { void navigate(`/cases/${created.id}`); });
  const error = submission.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosenFlags = Object.fromEntries(FLAG_KEYS.filter((k) => flags[k]).map((k) => [k, true]));
    const body: NewCaseBody = {
      title, category,
      ...(summary.trim() ? { summary } : {}),
      ...(portOfEntry.trim() || Object.keys(chosenFlags).length
        ? { flags: { ...(portOfEntry.trim() ? { portOfEntry: portOfEntry.trim() } : {}), ...chosenFlags } } : {}),
      ...itemsBody({ subjects, identifiers, firearms, operations }),
    };
    submission.mutate(body);
  };

  return (
    <section className="case-form-page">
      <h1 id="new-case-heading">{t('cases.form.title')}</h1>
      <form onSubmit={submit} noValidate aria-labelledby="new-case-heading">
        <div className="panel">
          <FormField label={t('cases.fields.title')} name="title" error={error} required>
            {(p) => <input {...p} className="case-wide" value={title} onChange={(e) => setTitle(e.target.value)} />}
          </FormField>
          <FormField label={t('cases.fields.summary')} name="summary" error={error}>
            {(p) => <textarea {...p} value={summary} onChange={(e) => setSummary(e.target.value)} />}
          </FormField>
          <FormField label={t('cases.fields.category')} name="category" error={error} required>
            {(p) => (
              <select {...p} value={category} onChange={(e) => setCategory(e.target.value)}>
                {CASE_CATEGORIES.map((c) => <option key={c} value={c}>{t(`cases.categories.${c}`)}</option>)}
              </select>
            )}
          </FormField>
          <fieldset className="case-flags">
            <legend>{t('cases.form.flags')}</legend>
            <FormField label={t('cases.fields.portOfEntry')} name="flags.portOfEntry" error={error} hint={t('cases.fields.portOfEntryHint')}>
              {(p) => <input {...p} value={portOfEntry} onChange={(e) => setPortOfEntry(e.target.value)} />}
            </FormField>
            {FLAG_KEYS.map((key) => (
              <label key={key} className="case-check">
                <input type="checkbox" checked={flags[key]} onChange={(e) => setFlags({ ...flags, [key]: e.target.checked })} />
                {t(`cases.flags.${key}`)}
              </label>
            ))}
          </fieldset>
        </div>
        <SubjectRows rows={subjects} onChange={setSubjects} error={error} />
        <IdentifierRows rows={identifiers} onChange={setIdentifiers} error={error} />
        <FirearmRows rows={firearms} onChange={setFirearms} error={error} />
        <OperationRows rows={operations} onChange={setOperations} error={error} />
        <ProblemMessage error={error} />
        <button type="submit" disabled={submission.isPending}>
          {submission.isPending ? t('cases.form.submitting') : t('cases.form.submit')}
        </button>
      </form>
    </section>
  );
}
