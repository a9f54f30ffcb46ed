import type { Feature } from '../../app/feature';

/**
 * Checking values before acting on them (POST /deconfliction/checks): whom to call about each meeting, and the log of
 * checks the agency made and received. A check is not silent, so the page says so before it runs.
 */
export const checksFeature: Feature = {
  routes: [{ path: 'checks', lazy: async () => ({ Component: (await import('./pages/check-page')).CheckPage }) }],
  nav: [{ to: '/checks', labelKey: 'checks.nav', roles: ['CASE_AGENT'] }],
};
