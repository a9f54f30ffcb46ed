import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const STATS_GROUPINGS = ['month', 'agency', 'caliber', 'sourceState'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];

export const STATS_METRICS = [
  'seizures', 'firearms', 'tracesCompleted', 'tracesUnsuccessful', 'tracesOpen', 'medianTimeToCrimeDays',
  'casesOpened', 'casesClosed', 'fruitfulInvestigations', 'successfulProsecutions', 'closedUnclassified',
  'hits', 'hitsResolved', 'referrals', 'referralsAccepted', 'referralsDeclined',
] as const;
export type StatsMetric = (typeof STATS_METRICS)[number];

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
