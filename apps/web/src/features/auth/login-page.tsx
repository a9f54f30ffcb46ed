import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { setLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { SsoButtons } from '../sso/components/sso-buttons';
import { SignInForm } from './sign-in-form';

/** Only same-site paths are followed after sign-in, never an address another site put in the link. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  if (user) return <Navigate to={next} replace />;
  return (
    <main id="main" className="login-page">
      <h1>{t('app.name')}</h1>
      <h2>{t('login.title')}</h2>
      <label className="language">
        {t('identity.language')}{' '}
        <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as 'en' | 'es')}>
          <option value="en">English</option>
          <option value="es">Español</option>
        </select>
      </label>
      <SsoButtons next={next} />
      {/* Nothing waits for the navigation: `void` drops react-router's promise on purpose. */}
      <SignInForm onSignedIn={() => { void navigate(next, { replace: true }); }} />
    </main>
  );
}
