import { useTranslation } from 'react-i18next';

/** A person hit's confidence tier (issue 16): how far the coordinator may trust the match. */
export function TierBadge({ tier }: { tier: string | null | undefined }) {
  const { t } = useTranslation();
  if (!tier) return null;
  return <span className={`badge deconf-tier deconf-tier-${tier.toLowerCase()}`} data-tier={tier}>{t(`deconfliction.tiers.${tier}`, { defaultValue: tier })}</span>;
}
