import type { Feature } from '../../app/feature';

/** Standing watches of the agent's agency: identifiers, and since issue 17 persons and organizations. */
export const lookoutsFeature: Feature = {
  routes: [{ path: 'lookouts', lazy: async () => ({ Component: (await import('./pages/lookouts-page')).LookoutsPage }) }],
  nav: [{ to: '/lookouts', labelKey: 'lookouts.nav', roles: ['CASE_AGENT'] }],
};
