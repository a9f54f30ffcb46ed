import type { Feature } from '../../app/feature';

/** The signed-in user's own account (issue 19): a second factor, a new password. Reached from the home page and by held sessions. */
export const accountFeature: Feature = {
  routes: [
    { path: 'account/second-factor', lazy: async () => ({ Component: (await import('./pages/second-factor-page')).SecondFactorPage }) },
    { path: 'account/password', lazy: async () => ({ Component: (await import('./pages/password-page')).PasswordPage }) },
  ],
  nav: [{ to: '/account/second-factor', labelKey: 'account.nav', roles: [] }],
};
