import type { Feature } from '../../app/feature';

/** Administration of users and agencies (issue 19): the ADMIN role only, as the API enforces. */
export const adminFeature: Feature = {
  routes: [
    { path: 'admin/users', lazy: async () => ({ Component: (await import('./pages/users-page')).UsersPage }) },
    { path: 'admin/users/:id', lazy: async () => ({ Component: (await import('./pages/user-page')).UserPage }) },
    { path: 'admin/agencies', lazy: async () => ({ Component: (await import('./pages/agencies-page')).AgenciesPage }) },
    { path: 'admin/agencies/:code', lazy: async () => ({ Component: (await import('./pages/agency-page')).AgencyPage }) },
  ],
  nav: [
    { to: '/admin/users', labelKey: 'admin.nav.users', roles: ['ADMIN'] },
    { to: '/admin/agencies', labelKey: 'admin.nav.agencies', roles: ['ADMIN'] },
  ],
};
