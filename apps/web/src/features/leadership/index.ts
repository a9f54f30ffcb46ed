import type { Feature } from '../../app/feature';

/** Leadership's reports (M4 compliance, statistics) and the audit trail; charts load only with these pages. */
export const leadershipFeature: Feature = {
  routes: [
    { path: 'leadership/compliance', lazy: async () => ({ Component: (await import('./pages/compliance-page')).CompliancePage }) },
    { path: 'leadership/statistics', lazy: async () => ({ Component: (await import('./pages/statistics-page')).StatisticsPage }) },
    { path: 'audit', lazy: async () => ({ Component: (await import('./pages/audit-page')).AuditPage }) },
  ],
  nav: [
    { to: '/leadership/compliance', labelKey: 'leadership.nav.compliance', roles: ['LEADERSHIP'] },
    { to: '/leadership/statistics', labelKey: 'leadership.nav.statistics', roles: ['LEADERSHIP'] },
    { to: '/audit', labelKey: 'leadership.nav.audit', roles: ['LEADERSHIP', 'ADMIN'] },
  ],
};
