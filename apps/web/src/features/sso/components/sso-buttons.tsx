import { useTranslation } from 'react-i18next';
import { ssoStartUrl, useSsoIssuers } from '../api/sso';
import '../sso.css';

/**
 * One button per agency provider the installation is configured with, on the sign-in page; nothing at all where single
 * sign-on is not configured (passwords only). A plain link: the sign-in leaves the console for the provider and back.
 */
export function SsoButtons({ next }: { next: string }) {
  const { t } = useTranslation();
  const issuers = useSsoIssuers();
  const items = issuers.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="sso-sign-in" aria-labelledby="sso-sign-in-title">
      <h3 id="sso-sign-in-title">{t('sso.title')}</h3>
      {items.map((issuer) => (
        <a key={issuer.name} className="button" href={ssoStartUrl(issuer.name, next)}>{t('sso.signInWith', { label: issuer.label })}</a>
      ))}
      <p className="hint">{t('sso.orPassword')}</p>
    </section>
  );
}
