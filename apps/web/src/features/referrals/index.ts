import type { Feature } from '../../app/feature';

export const referralsFeature: Feature = { routes: [], nav: [] };
