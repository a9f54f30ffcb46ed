import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useSession } from '../../../lib/session';
import { useChangePassword } from '../api/account';

/** A new password of the user's choosing (NIST SP 800-63B: 12+ characters, not a common one, no other rules). */
export function PasswordPage() {
  const { t } = useTranslation();
  const { pendingStep, stepDone } = useSession();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [done, setDone] = useState(false);
  const change = useChangePassword((next) => {
    setDone(true);
    // The API says whether a second factor must follow before the session is a full one.
    if (pendingStep === 'CHANGE_PASSWORD') stepDone(next);
  });
  return (
    <section aria-labelledby="password-title">
      <h1 id="password-title">{t('account.password.title')}</h1>
      {pendingStep === 'CHANGE_PASSWORD' ? <p role="alert">{t('account.password.required')}</p> : null}
      {done ? <p role="status">{t('account.password.done')}</p> : null}
      <p>{t('account.password.rules')}</p>
      <form noValidate onSubmit={(e) => { e.preventDefault(); change.mutate({ currentPassword, newPassword }); }}>
        <FormField label={t('account.password.current')} name="currentPassword" error={change.error} required>
          {({ required, ...props }) => <input {...props} type="password" aria-required={required} autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />}
        </FormField>
        <FormField label={t('account.password.new')} name="newPassword" error={change.error} required>
          {({ required, ...props }) => <input {...props} type="password" aria-required={required} autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} />}
        </FormField>
        {change.error && change.error.fieldErrors.length === 0 ? <ProblemMessage error={change.error} /> : null}
        <button type="submit" disabled={change.isPending}>{t('account.password.submit')}</button>
      </form>
    </section>
  );
}
