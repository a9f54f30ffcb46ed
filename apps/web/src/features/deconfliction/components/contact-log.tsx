import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { Time } from '../../../components/ui/time';
import { CONTACT_MEANS, useAddContact, type ContactMeans } from '../api/hit-work';
import type { DeskHit } from '../api/hits';

/** The hit's contact log: whom the desk reached, where, how, and what was agreed; entries are added, never edited. */
export function ContactLog({ hit }: { hit: DeskHit }) {
  const { t } = useTranslation();
  const contacts = hit.contacts ?? [];
  return (
    <section className="panel" aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">{t('deconfliction.contacts.title')}</h2>
      {contacts.length === 0 ? <p className="hint">{t('deconfliction.contacts.empty')}</p> : (
        <ol className="deconf-contacts" data-testid="contact-log">
          {contacts.map((c) => (
            <li key={c.id} data-contact-id={c.id}>
              <div>
                <strong>{c.reached}</strong> ({c.agency}) · {t(`deconfliction.contacts.means.${c.means}`)}
              </div>
              <p className="deconf-note">{c.agreed}</p>
              <div className="hint">{t('deconfliction.contacts.by', { author: c.author })} · <Time value={c.createdAt} /></div>
            </li>
          ))}
        </ol>
      )}
      <ContactForm hitId={hit.id} />
    </section>
  );
}

const EMPTY = { reached: '', agency: '', means: '' as ContactMeans | '', agreed: '' };

/** What was typed stays on any failure, with the API's field errors under their fields; a saved entry clears it. */
function ContactForm({ hitId }: { hitId: string }) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState(EMPTY);
  const add = useAddContact(() => setEntry(EMPTY));
  const set = (name: keyof typeof EMPTY) => (e: { target: { value: string } }) => setEntry({ ...entry, [name]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ id: hitId, ...entry });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('deconfliction.contacts.add')}>
      <div className="grid-2">
        <FormField label={t('deconfliction.contacts.reached')} name="reached" error={add.error} required>
          {(props) => <input {...props} value={entry.reached} onChange={set('reached')} maxLength={200} />}
        </FormField>
        <FormField label={t('deconfliction.contacts.agency')} name="agency" error={add.error} required>
          {(props) => <input {...props} value={entry.agency} onChange={set('agency')} maxLength={120} />}
        </FormField>
      </div>
      <FormField label={t('deconfliction.contacts.meansLabel')} name="means" error={add.error} required>
        {(props) => (
          <select {...props} value={entry.means} onChange={set('means')}>
            <option value="">{t('deconfliction.contacts.chooseMeans')}</option>
            {CONTACT_MEANS.map((m) => <option key={m} value={m}>{t(`deconfliction.contacts.means.${m}`)}</option>)}
          </select>
        )}
      </FormField>
      <FormField label={t('deconfliction.contacts.agreed')} name="agreed" error={add.error} required>
        {(props) => <textarea {...props} value={entry.agreed} onChange={set('agreed')} maxLength={4000} />}
      </FormField>
      <ProblemMessage error={add.error} />
      <button type="submit" disabled={add.isPending}>{add.isPending ? t('deconfliction.contacts.saving') : t('deconfliction.contacts.add')}</button>
    </form>
  );
}
