import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useSession } from '../../../lib/session';
import { useConfirmEnrolment, useStartEnrolment } from '../api/account';

/** Enrolment of an authenticator app: the QR code (and the secret to type), a code to confirm, recovery codes shown once. */
export function SecondFactorPage() {
  const { t } = useTranslation();
  const { pendingStep, stepDone } = useSession();
  const start = useStartEnrolment();
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const confirm = useConfirmEnrolment((codes) => {
    setRecoveryCodes(codes);
    if (pendingStep === 'ENROL_SECOND_FACTOR') stepDone(null);
  });

  if (recoveryCodes) {
    return (
      <section aria-labelledby="enrol-title">
        <h1 id="enrol-title">{t('account.secondFactor.doneTitle')}</h1>
        <p role="status">{t('account.secondFactor.doneBody')}</p>
        <ol className="recovery-codes" aria-label={t('account.secondFactor.recoveryCodes')}>
          {recoveryCodes.map((c) => <li key={c}><code>{c}</code></li>)}
        </ol>
        <Link to="/">{t('account.continue')}</Link>
      </section>
    );
  }
  return (
    <section aria-labelledby="enrol-title">
      <h1 id="enrol-title">{t('account.secondFactor.title')}</h1>
      {pendingStep === 'ENROL_SECOND_FACTOR' ? <p role="alert">{t('account.secondFactor.required')}</p> : null}
      <p>{t('account.secondFactor.intro')}</p>
      {start.data ? (
        <>
          <img src={start.data.qrCodeDataUrl} alt={t('account.secondFactor.qrAlt')} width={200} height={200} />
          <p>{t('account.secondFactor.secret')} <code data-testid="totp-secret">{start.data.secret}</code></p>
          <form noValidate onSubmit={(e) => { e.preventDefault(); confirm.mutate(code); }}>
            <FormField label={t('account.secondFactor.code')} name="code" error={confirm.error} required>
              {({ required, ...props }) => <input {...props} aria-required={required} autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />}
            </FormField>
            {confirm.error && confirm.error.fieldErrors.length === 0 ? <ProblemMessage error={confirm.error} /> : null}
            <button type="submit" disabled={confirm.isPending}>{t('account.secondFactor.confirm')}</button>
          </form>
        </>
      ) : (
        <>
          <ProblemMessage error={start.error} />
          <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>{t('account.secondFactor.start')}</button>
        </>
      )}
    </section>
  );
}
