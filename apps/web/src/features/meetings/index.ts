import type { Feature } from '../../app/feature';

export const meetingsFeature: Feature = { routes: [], nav: [] };
