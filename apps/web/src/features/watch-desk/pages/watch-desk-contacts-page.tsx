import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { QueryState } from '../../../components/ui/states';
import { useSession } from '../../../lib/session';
import { useSaveContacts, useWatchDeskContacts, type WatchDeskContacts } from '../api/watch-desk';

interface WebhookRow { url: string; secret: string; secretEndsWith: string }

/** The administrator's agency's watch desk: who is paged, by e-mail and signed webhook, about urgent and escalated hits. */
export function WatchDeskContactsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const agency = user?.agency ?? '';
  const contacts = useWatchDeskContacts(agency);
  return (
    <section>
      <h1>{t('watch-desk.contacts.title', { agency })}</h1>
      <p>{t('watch-desk.contacts.intro')}</p>
      <QueryState isLoading={contacts.isLoading} error={contacts.error} />
      {contacts.data ? <ContactsForm agency={agency} current={contacts.data} /> : null}
    </section>
  );
}

/** E-mails one per line; webhooks row by row, a listed one keeping its secret when the field is left empty. */
function ContactsForm({ agency, current }: { agency: string; current: WatchDeskContacts }) {
  const { t } = useTranslation();
  const [emails, setEmails] = useState(current.emails.join('\n'));
  const [hooks, setHooks] = useState<WebhookRow[]>(current.webhooks.map((w) => ({ url: w.url, secret: '', secretEndsWith: w.secretEndsWith })));
  const [saved, setSaved] = useState(false);
  const save = useSaveContacts(() => setSaved(true));
  const setHook = (i: number, change: Partial<WebhookRow>) => setHooks(hooks.map((h, j) => (j === i ? { ...h, ...change } : h)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate({
      agency,
      emails: emails.split('\n').map((line) => line.trim()).filter(Boolean),
      webhooks: hooks.filter((h) => h.url.trim()).map((h) => ({ url: h.url.trim(), ...(h.secret ? { secret: h.secret } : {}) })),
    });
  };
  return (
    <form onSubmit={submit} noValidate className="panel">
      <FormField label={t('watch-desk.contacts.emails')} name="emails" error={save.error} hint={t('watch-desk.contacts.emailsHint')}>
        {(props) => <textarea {...props} rows={4} value={emails} onChange={(e) => setEmails(e.target.value)} />}
      </FormField>
      {save.error?.fieldErrors.filter((f) => f.field.startsWith('emails.')).map((f) => (
        <p key={f.field} className="field-error" data-field-error={f.field}>{f.message}</p>
      ))}
      <fieldset>
        <legend>{t('watch-desk.contacts.webhooks')}</legend>
        <p className="hint">{t('watch-desk.contacts.webhooksHint')}</p>
        {hooks.map((hook, i) => (
          <div key={i} className="grid-2">
            <FormField label={t('watch-desk.contacts.url', { n: i + 1 })} name={`webhooks.${i}.url`} error={save.error}>
              {(props) => <input {...props} type="url" value={hook.url} onChange={(e) => setHook(i, { url: e.target.value })} />}
            </FormField>
            <FormField
              label={t('watch-desk.contacts.secret', { n: i + 1 })} name={`webhooks.${i}.secret`} error={save.error}
              hint={hook.secretEndsWith ? t('watch-desk.contacts.secretKept', { end: hook.secretEndsWith }) : t('watch-desk.contacts.secretNew')}
            >
              {(props) => <input {...props} type="password" autoComplete="off" value={hook.secret} onChange={(e) => setHook(i, { secret: e.target.value })} />}
            </FormField>
            <button type="button" onClick={() => setHooks(hooks.filter((_, j) => j !== i))}>{t('watch-desk.contacts.remove', { n: i + 1 })}</button>
          </div>
        ))}
        <button type="button" onClick={() => setHooks([...hooks, { url: '', secret: '', secretEndsWith: '' }])}>{t('watch-desk.contacts.add')}</button>
      </fieldset>
      <ProblemMessage error={save.error} />
      {saved ? <p role="status">{t('watch-desk.contacts.saved')}</p> : null}
      <button type="submit" disabled={save.isPending}>{save.isPending ? t('watch-desk.contacts.saving') : t('watch-desk.contacts.save')}</button>
    </form>
  );
}
