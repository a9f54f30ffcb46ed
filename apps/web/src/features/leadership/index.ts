import type { Feature } from '../../app/feature';

export const leadershipFeature: Feature = { routes: [], nav: [] };
