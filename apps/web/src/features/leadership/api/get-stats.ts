import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

import type { StatsGrouping } from '../../../../../../libs/seizures/stats-rules';

// The server's own vocabulary (a file with no imports), so a metric added there shows up here without a second list.
export { STATS_GROUPINGS, STATS_METRICS } from '../../../../../../libs/seizures/stats-rules';
export type { StatsGrouping, StatsMetric } from '../../../../../../libs/seizures/stats-rules';

export interface StatsRow { group: string; weaponType?: string | null; recognized?: boolean; metrics: Record<string, number | null> }
export interface Stats {
  from: string; to: string; groupBy: StatsGrouping; rows: StatsRow[];
  hitsByType: Record<string, number>; hitsByResolution: Record<string, number>;
  referralsByRule: Record<string, Record<string, number>>; method: string;
}
export interface StatsQuery { from: string; to: string; groupBy: StatsGrouping }

export const STATS_PATH = '/stats';

export function getStats(query: StatsQuery): Promise<Stats> {
  return apiRequest<Stats>(STATS_PATH, { query: { ...query } });
}

export const statsQueryOptions = (query: StatsQuery) =>
  queryOptions({ queryKey: ['leadership', 'stats', query], queryFn: () => getStats(query) });

export function useStats(query: StatsQuery) {
  return useQuery(statsQueryOptions(query));
}
