import type { Feature } from '../../app/feature';

export const referralsFeature: Feature = {
  routes: [
    { path: 'referrals', lazy: async () => ({ Component: (await import('./pages/inbox-page')).InboxPage }) },
  ],
  nav: [{ to: '/referrals', labelKey: 'referrals.nav', roles: ['REFERRAL_OFFICER'] }],
};
