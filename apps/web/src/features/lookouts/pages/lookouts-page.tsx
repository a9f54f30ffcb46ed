import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { LOOKOUT_TYPES, useCreateLookout, useLookouts, type LookoutType } from '../api/lookouts';

/** The agency's lookouts, and a form to watch an identifier, a person (name and date of birth) or an organization. */
export function LookoutsPage() {
  const { t } = useTranslation();
  const lookouts = useLookouts();
  const items = lookouts.data?.items ?? [];
  return (
    <section>
      <h1>{t('lookouts.title')}</h1>
      <p>{t('lookouts.intro')}</p>
      <NewLookoutForm />
      <h2>{t('lookouts.list')}</h2>
      <QueryState isLoading={lookouts.isLoading} error={lookouts.error} isEmpty={items.length === 0} emptyText={t('lookouts.empty')} />
      {items.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('lookouts.type')}</th><th scope="col">{t('lookouts.value')}</th>
              <th scope="col">{t('lookouts.status')}</th><th scope="col">{t('lookouts.created')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((l) => (
              <tr key={l.id}>
                <td>{t(`lookouts.types.${l.type}`)}</td>
                <td>{l.value}{l.dateOfBirth ? ` · ${t('lookouts.born', { date: l.dateOfBirth })}` : ''}</td>
                <td>{t(`lookouts.statuses.${l.status}`)}</td>
                <td><Time value={l.createdAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function NewLookoutForm() {
  const { t } = useTranslation();
  const [type, setType] = useState<LookoutType>('PERSON');
  const [value, setValue] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [note, setNote] = useState('');
  const [created, setCreated] = useState(false);
  const create = useCreateLookout(() => { setCreated(true); setValue(''); setDateOfBirth(''); setNote(''); });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(false);
    create.mutate({ type, value, note, ...(type === 'PERSON' && dateOfBirth ? { dateOfBirth } : {}) });
  };
  const valueLabel = type === 'PERSON' ? 'lookouts.fullName' : type === 'ORGANIZATION' ? 'lookouts.orgName' : 'lookouts.value';
  return (
    <form onSubmit={submit} noValidate className="panel" aria-labelledby="new-lookout">
      <h2 id="new-lookout">{t('lookouts.new')}</h2>
      <FormField label={t('lookouts.type')} name="type" error={create.error} required>
        {(props) => (
          <select {...props} value={type} onChange={(e) => setType(e.target.value as LookoutType)}>
            {LOOKOUT_TYPES.map((k) => <option key={k} value={k}>{t(`lookouts.types.${k}`)}</option>)}
          </select>
        )}
      </FormField>
      <FormField label={t(valueLabel)} name="value" error={create.error} required>
        {(props) => <input {...props} value={value} onChange={(e) => setValue(e.target.value)} maxLength={300} />}
      </FormField>
      {type === 'PERSON' ? (
        <FormField label={t('lookouts.dateOfBirth')} name="dateOfBirth" error={create.error} hint={t('lookouts.dateOfBirthHint')}>
          {(props) => <input {...props} type="date" value={dateOfBirth} onChange={(e) => setDateOfBirth(e.target.value)} />}
        </FormField>
      ) : null}
      <FormField label={t('lookouts.note')} name="note" error={create.error} required>
        {(props) => <textarea {...props} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />}
      </FormField>
      <ProblemMessage error={create.error} />
      {created ? <p role="status">{t('lookouts.done')}</p> : null}
      <button type="submit" disabled={create.isPending}>{t('lookouts.submit')}</button>
    </form>
  );
}
