import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { features } from '../../app/features';
import { NotificationTray } from '../../features/notifications/notification-tray';
import { SessionEndedDialog } from '../../features/auth/session-ended-dialog';
import { setLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';

/** The frame of every signed-in page: who is signed in, the navigation their roles open, language, tray. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { user, signOut, hasRole, pendingStep } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // A session held at a step (issue 19) can do nothing else: the API refuses every other route until it is done.
  const stepPage = pendingStep === 'CHANGE_PASSWORD' ? '/account/password' : pendingStep === 'ENROL_SECOND_FACTOR' ? '/account/second-factor' : null;
  if (stepPage && location.pathname !== stepPage) return <Navigate to={stepPage} replace />;
  const nav = features.flatMap((feature) => feature.nav).filter((entry) => entry.roles.length === 0 || hasRole(...entry.roles));
  return (
    <div className="app">
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('app.mainNav')}>
          <NavLink to="/" end>{t('nav.home')}</NavLink>
          {nav.map((entry) => <NavLink key={entry.to} to={entry.to}>{t(entry.labelKey)}</NavLink>)}
        </nav>
        <NotificationTray />
        <div className="identity" data-testid="identity">
          <span>{t('identity.signedInAs', { username: user.username })}</span>
          <span> · <abbr title={t('identity.agency')}>{user.agency}</abbr></span>
          <span> · {user.roles.map((role) => t(`roles.${role}`, { defaultValue: role })).join(', ')}</span>
        </div>
        <label className="language">
          <span className="visually-hidden">{t('identity.language')}</span>
          <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as 'en' | 'es')}>
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => void signOut()}>{t('identity.signOut')}</button>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <SessionEndedDialog />
    </div>
  );
}
