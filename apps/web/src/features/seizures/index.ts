import type { Feature } from '../../app/feature';

export const seizuresFeature: Feature = {
  routes: [
    { path: 'seizures', lazy: async () => ({ Component: (await import('./pages/seizures-page')).SeizuresPage }) },
    { path: 'seizures/new', lazy: async () => ({ Component: (await import('./pages/new-seizure-page')).NewSeizurePage }) },
    { path: 'seizures/:id', lazy: async () => ({ Component: (await import('./pages/seizure-page')).SeizurePage }) },
    { path: 'traces', lazy: async () => ({ Component: (await import('./pages/traces-page')).TracesPage }) },
  ],
  nav: [
    { to: '/seizures', labelKey: 'seizures.nav', roles: ['CASE_AGENT'] },
    { to: '/traces', labelKey: 'seizures.navTraces', roles: ['CASE_AGENT'] },
  ],
};
