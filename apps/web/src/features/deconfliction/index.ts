import type { Feature } from '../../app/feature';

export const deconflictionFeature: Feature = { routes: [], nav: [] };
