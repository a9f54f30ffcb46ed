/**
 * What the statistics count and how they group: the vocabulary shared by the repository's SQL, the service, the API's
 * query DTO and the console's table (apps/web imports this file: it must stay free of imports).
 */
export const STATS_GROUPINGS = ['month', 'agency', 'caliber', 'sourceState'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];

export const STATS_METRICS = [
  'seizures', 'firearms', 'tracesCompleted', 'tracesUnsuccessful', 'tracesOpen', 'medianTimeToCrimeDays',
  'casesOpened', 'casesClosed', 'fruitfulInvestigations', 'successfulProsecutions', 'closedUnclassified',
  'hits', 'hitsResolved', 'referrals', 'referralsAccepted', 'referralsDeclined',
] as const;
export type StatsMetric = (typeof STATS_METRICS)[number];
