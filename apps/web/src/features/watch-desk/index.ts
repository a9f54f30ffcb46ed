import type { Feature } from '../../app/feature';

/** Alerts outside the browser (issue 17): an agency's administrators keep its watch-desk contacts. */
export const watchDeskFeature: Feature = {
  routes: [
    { path: 'admin/watch-desk', lazy: async () => ({ Component: (await import('./pages/watch-desk-contacts-page')).WatchDeskContactsPage }) },
  ],
  nav: [{ to: '/admin/watch-desk', labelKey: 'watch-desk.nav.contacts', roles: ['ADMIN'] }],
};
