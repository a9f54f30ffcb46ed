import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useAddSubjectForms } from '../api/case-mutations';
import type { Subject } from '../api/types';

type OtherForm = 'ALIAS' | 'MONIKER';

/**
 * A subject's aliases and monikers as stored (issue 21), and for the owning agency an action to add one: the API
 * deconflicts the subject again under the new name, so a hit it raises appears in the hits panel.
 */
export function SubjectNames({ caseId, subject, canAdd }: { caseId: string; subject: Subject; canAdd: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<OtherForm>('ALIAS');
  const [name, setName] = useState('');
  const [added, setAdded] = useState(false);
  const add = useAddSubjectForms(caseId, () => { setAdded(true); setOpen(false); setName(''); });
  const label = subject.fullName ?? subject.name ?? '';
  const field = form === 'ALIAS' ? 'aliases' : 'monikers';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    add.mutate({ subjectId: subject.id, [field]: [name] });
  };
  const aliases = subject.aliases ?? [];
  const monikers = subject.monikers ?? [];
  return (
    <div className="subject-names" data-testid="subject-names">
      {aliases.length > 0 ? <div className="hint" data-testid="subject-aliases">{t('cases.forms.aliasesOf', { names: aliases.join('; ') })}</div> : null}
      {monikers.length > 0 ? <div className="hint" data-testid="subject-monikers">{t('cases.forms.monikersOf', { names: monikers.join('; ') })}</div> : null}
      {added ? <p role="status" className="badge badge-ok">{t('cases.forms.added')}</p> : null}
      {canAdd && !open ? (
        <button type="button" aria-label={t('cases.forms.addFor', { name: label })} onClick={() => { setOpen(true); add.reset(); }}>
          {t('cases.forms.add')}
        </button>
      ) : null}
      {canAdd && open ? (
        <form onSubmit={submit} noValidate aria-label={t('cases.forms.addFor', { name: label })}>
          {subject.kind === 'PERSON' ? (
            <FormField label={t('cases.forms.form')} name="form">
              {(p) => (
                <select {...p} value={form} onChange={(e) => setForm(e.target.value as OtherForm)}>
                  <option value="ALIAS">{t('cases.forms.ALIAS')}</option>
                  <option value="MONIKER">{t('cases.forms.MONIKER')}</option>
                </select>
              )}
            </FormField>
          ) : null}
          <FormField label={t('cases.forms.name')} name={field} error={add.error} required>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
          </FormField>
          <ProblemMessage error={add.error} />
          <button type="submit" disabled={add.isPending}>{t('cases.forms.save')}</button>{' '}
          <button type="button" onClick={() => setOpen(false)}>{t('cases.forms.cancel')}</button>
        </form>
      ) : null}
    </div>
  );
}
