import type { Feature } from '../../app/feature';

/** Case agents: their agency's cases and those shared with it, opening a case, and the case page. */
export const casesFeature: Feature = {
  routes: [
    { path: 'cases', lazy: async () => ({ Component: (await import('./pages/case-list-page')).CaseListPage }) },
    { path: 'cases/new', lazy: async () => ({ Component: (await import('./pages/new-case-page')).NewCasePage }) },
    { path: 'cases/:id', lazy: async () => ({ Component: (await import('./pages/case-page')).CasePage }) },
  ],
  nav: [
    { to: '/cases', labelKey: 'cases.nav.myCases', roles: ['CASE_AGENT'] },
    { to: '/cases/new', labelKey: 'cases.nav.newCase', roles: ['CASE_AGENT'] },
  ],
};
