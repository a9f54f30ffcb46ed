import type { Feature } from '../../app/feature';

export const casesFeature: Feature = { routes: [], nav: [] };
