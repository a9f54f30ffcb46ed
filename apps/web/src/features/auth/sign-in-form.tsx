import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/ui/problem-message';
import { useSession, type LoginChallenge } from '../../lib/session';
import { SecondFactorStep } from './second-factor-step';

/** Username and password; a refusal (wrong password, lockout with its wait) is shown and the username kept. */
export function SignInForm({ onSignedIn, fixedUsername }: { onSignedIn: () => void; fixedUsername?: string }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [username, setUsername] = useState(fixedUsername ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const pending = await signIn(username, password);
      if (pending) setChallenge(pending);
      else onSignedIn();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (challenge) {
    return <SecondFactorStep challenge={challenge} onSignedIn={onSignedIn} onRestart={() => { setChallenge(null); setPassword(''); }} />;
  }
  return (
    <form onSubmit={(e) => void submit(e)} className="sign-in" noValidate>
      <ProblemMessage error={error} />
      <div className="field">
        <label htmlFor="sign-in-username">{t('login.username')}</label>
        <input id="sign-in-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">{t('login.password')}</label>
        <input id="sign-in-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </div>
      <button type="submit" disabled={busy}>{busy ? t('login.submitting') : t('login.submit')}</button>
    </form>
  );
}
