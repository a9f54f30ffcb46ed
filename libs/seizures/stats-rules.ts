/** What the statistics count and how they group: the vocabulary the repository's SQL and the service share. */
export type StatsGrouping = 'agency' | 'month' | 'caliber' | 'sourceState';

export const STATS_METRICS = [
  'seizures', 'firearms', 'tracesCompleted', 'tracesUnsuccessful', 'tracesOpen', 'medianTimeToCrimeDays',
  'casesOpened', 'casesClosed', 'fruitfulInvestigations', 'successfulProsecutions', 'closedUnclassified',
  'hits', 'hitsResolved', 'referrals', 'referralsAccepted', 'referralsDeclined',
] as const;
export type StatsMetric = (typeof STATS_METRICS)[number];
