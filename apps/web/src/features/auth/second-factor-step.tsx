import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/ui/problem-message';
import { apiRequest } from '../../lib/api-client';
import { useSession, type LoginChallenge, type TokenAnswer } from '../../lib/session';

/**
 * The second step of signing in (issue 19): a code from the authenticator app or a recovery code. A wrong code counts
 * in the account's lockout like a wrong password; an expired challenge sends the user back to the password.
 */
export function SecondFactorStep({ challenge, onSignedIn, onRestart }: { challenge: LoginChallenge; onSignedIn: () => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const { adopt } = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await apiRequest<TokenAnswer & { recoveryCodesLeft?: number }>('/auth/token/second-factor', {
        method: 'POST', body: { challenge: challenge.challenge, code: code.trim() }, anonymous: true,
      });
      adopt(answer);
      onSignedIn();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="sign-in" noValidate aria-labelledby="second-factor-title">
      <h3 id="second-factor-title">{t('account.secondFactor.stepTitle')}</h3>
      <p>{t('account.secondFactor.stepHint')}</p>
      <ProblemMessage error={error} />
      <div className="field">
        <label htmlFor="second-factor-code">{t('account.secondFactor.code')}</label>
        <input id="second-factor-code" autoComplete="one-time-code" inputMode="text" value={code} onChange={(e) => setCode(e.target.value)} required autoFocus />
      </div>
      <div className="row">
        <button type="submit" disabled={busy}>{busy ? t('login.submitting') : t('account.secondFactor.verify')}</button>
        <button type="button" className="secondary" onClick={onRestart}>{t('account.secondFactor.restart')}</button>
      </div>
    </form>
  );
}
