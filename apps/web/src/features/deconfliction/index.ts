import type { Feature } from '../../app/feature';

const COORDINATOR = ['DECONFLICTION_COORDINATOR'];

/** The deconfliction coordinator's desk: the live hit queue, a hit's page, the person matches to review, and the map of planned operations. */
export const deconflictionFeature: Feature = {
  routes: [
    { path: 'deconfliction/hits', lazy: async () => ({ Component: (await import('./pages/hit-queue-page')).HitQueuePage }) },
    { path: 'deconfliction/hits/:id', lazy: async () => ({ Component: (await import('./pages/hit-page')).HitPage }) },
    { path: 'deconfliction/reviews', lazy: async () => ({ Component: (await import('./pages/reviews-page')).ReviewsPage }) },
    { path: 'deconfliction/operations', lazy: async () => ({ Component: (await import('./pages/operations-map-page')).OperationsMapPage }) },
  ],
  nav: [
    { to: '/deconfliction/hits', labelKey: 'deconfliction.nav.queue', roles: COORDINATOR },
    { to: '/deconfliction/reviews', labelKey: 'deconfliction.nav.reviews', roles: COORDINATOR },
    { to: '/deconfliction/operations', labelKey: 'deconfliction.nav.map', roles: COORDINATOR },
  ],
};
