import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { features } from '../../app/features';
import { useSession } from '../../lib/session';

/** Where each user starts: the places their roles open. */
export function HomePage() {
  const { t } = useTranslation();
  const { user, hasRole } = useSession();
  if (!user) return null;
  const nav = features.flatMap((feature) => feature.nav).filter((entry) => entry.roles.length === 0 || hasRole(...entry.roles));
  return (
    <section>
      <h1>{t('home.title', { username: user.username })}</h1>
      <p>{t('home.intro', { agency: user.agency })}</p>
      <ul className="home-links">
        {nav.map((entry) => <li key={entry.to}><Link to={entry.to}>{t(entry.labelKey)}</Link></li>)}
      </ul>
    </section>
  );
}
