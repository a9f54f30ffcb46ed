import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useSession } from '../../../lib/session';
import { redeemHandoff } from '../api/sso';

/** Only same-site paths are followed after sign-in, never an address another site put in the link. */
const safeNext = (next: string): string => (next.startsWith('/') && !next.startsWith('//') ? next : '/');

/**
 * Where the API sends the browser back from the provider: the one-time hand-over code in the address becomes a session
 * (the code is dropped from the address at once), or the refusal (agency, role, disabled account) is shown.
 */
export function SsoCallbackPage() {
  const { t } = useTranslation();
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const redeemed = useRef(false);

  useEffect(() => {
    // Once only (React's development double effects, a re-render): the code works a single time.
    if (redeemed.current) return;
    redeemed.current = true;
    const handoff = params.get('handoff') ?? '';
    window.history.replaceState(null, '', '/login/sso');
    redeemHandoff(handoff).then((session) => {
      adopt({ accessToken: session.accessToken, user: session.user, pendingStep: session.pendingStep });
      void navigate(safeNext(session.returnTo), { replace: true });
    }, setError);
  }, [params, adopt, navigate]);

  return (
    <main id="main" className="login-page">
      <h1>{t('app.name')}</h1>
      <h2>{t('sso.completing')}</h2>
      {error ? (
        <>
          <ProblemMessage error={error} />
          <p><Link to="/login">{t('sso.backToSignIn')}</Link></p>
        </>
      ) : <p role="status">{t('sso.wait')}</p>}
    </main>
  );
}
