import type { Feature } from '../../app/feature';

export const seizuresFeature: Feature = { routes: [], nav: [] };
