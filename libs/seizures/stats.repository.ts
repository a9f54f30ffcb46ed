import type { DataSource } from 'typeorm';
import { query } from '../db/sql';
import type { StatsGrouping, StatsMetric } from './stats-rules';
import { FRUITFUL_RESULTS, PROSECUTION_RESULTS } from './trace-rules';

export type Source = 'seizure' | 'firearm' | 'trace' | 'caseOpened' | 'caseClosed' | 'hit' | 'referral';

/**
 * The group key of each source under each grouping; null where a grouping does not apply to a source (cases have no
 * caliber), so those metrics are reported as null rather than as a misleading zero.
 */
// Rows group on the truncated timestamp; the label is formatted once per group, not once per row.
const month = (column: string) => `date_trunc('month', ${column} AT TIME ZONE 'UTC')`;
const caliberKey = (alias: string) => `coalesce(${alias}.caliber_class, CASE WHEN ${alias}.caliber IS NULL THEN 'UNKNOWN' ELSE 'UNRECOGNIZED:' || lower(trim(${alias}.caliber)) END)`;
export const KEYS: Record<StatsGrouping, Partial<Record<Source, string>>> = {
  agency: {
    seizure: 's.owning_agency', firearm: 's.owning_agency', trace: 't.requesting_agency', caseOpened: 'c.owning_agency',
    caseClosed: 'c.owning_agency', hit: 'side.agency', referral: 'r.to_agency',
  },
  month: {
    seizure: month('s.seized_at'), firearm: month('s.seized_at'), trace: month('t.created_at'), caseOpened: month('c.created_at'),
    caseClosed: month('c.closed_at'), hit: month('h.created_at'), referral: month('r.created_at'),
  },
  caliber: { seizure: caliberKey('f'), firearm: caliberKey('f'), trace: caliberKey('f') },
  sourceState: { trace: `coalesce(t.source_state, 'UNKNOWN')` },
};

const FROM: Record<Source, string> = {
  seizure: 'seizures s', firearm: 'seizure_firearms f JOIN seizures s ON s.id = f.seizure_id',
  trace: 'traces t', caseOpened: 'cases c', caseClosed: 'cases c',
  hit: `deconfliction_hits h CROSS JOIN LATERAL (VALUES (h.a_agency), (h.b_agency)) AS side(agency)`, referral: 'referrals r',
};
const PERIOD: Record<Source, string> = {
  seizure: 's.seized_at', firearm: 's.seized_at', trace: 't.created_at', caseOpened: 'c.created_at', caseClosed: 'c.closed_at',
  hit: 'h.created_at', referral: 'r.created_at',
};
const SEIZURES_BY_CALIBER = 'seizure_firearms f JOIN seizures s ON s.id = f.seizure_id';
/** Only a caliber grouping needs a trace's firearm; joining it otherwise would hash every firearm for nothing. */
const TRACES_BY_CALIBER = 'traces t LEFT JOIN seizure_firearms f ON f.id = t.firearm_id';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Which aggregates each source yields; each is one SQL expression over the source's rows. */
export const AGGREGATES: Record<Source, Partial<Record<StatsMetric, string>>> = {
  seizure: { seizures: 'count(*)' },
  firearm: { firearms: 'count(*)' },
  trace: {
    tracesCompleted: `count(*) FILTER (WHERE t.status = 'COMPLETED')`,
    tracesUnsuccessful: `count(*) FILTER (WHERE t.status = 'UNSUCCESSFUL')`,
    tracesOpen: `count(*) FILTER (WHERE t.status IN ('SUBMITTED', 'IN_PROGRESS'))`,
    medianTimeToCrimeDays: `percentile_cont(0.5) WITHIN GROUP (ORDER BY t.time_to_crime_days) FILTER (WHERE t.status = 'COMPLETED')`,
  },
  caseOpened: { casesOpened: 'count(*)' },
  caseClosed: {
    casesClosed: 'count(*)',
    fruitfulInvestigations: `count(*) FILTER (WHERE c.result IN (${list(FRUITFUL_RESULTS)}))`,
    successfulProsecutions: `count(*) FILTER (WHERE c.result IN (${list(PROSECUTION_RESULTS)}))`,
    closedUnclassified: 'count(*) FILTER (WHERE c.result IS NULL)',
  },
  // A hit is counted once per group even though both of its sides are joined (a grouping by agency counts it for
  // each side's agency, but once for an agency on both sides; by month, once).
  hit: { hits: 'count(DISTINCT h.id)', hitsResolved: `count(DISTINCT h.id) FILTER (WHERE h.status = 'RESOLVED')` },
  referral: {
    referrals: 'count(*)', referralsAccepted: `count(*) FILTER (WHERE r.status = 'ACCEPTED')`,
    referralsDeclined: `count(*) FILTER (WHERE r.status = 'DECLINED')`,
  },
};

/** One source's aggregates by group: `values[i]` is the i-th of `aggregates`, as PostgreSQL answers it. */
export interface SourceTotals { aggregates: [string, string][]; rows: { group: string; values: (string | number | null)[] }[] }

/** The statistics' SQL: one grouped aggregate per source, and the whole-period breakdowns. */
export class StatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async totals(source: Source, groupBy: StatsGrouping, from: Date, to: Date): Promise<SourceTotals> {
    const key = KEYS[groupBy][source] as string;
    // By caliber a seizure is counted once under each caliber it holds, so it is read through its firearms.
    const byCaliber = source === 'seizure' && groupBy === 'caliber';
    const aggregates: [string, string][] = byCaliber ? [['seizures', 'count(DISTINCT s.id)']] : Object.entries(AGGREGATES[source]);
    const from_ = byCaliber ? SEIZURES_BY_CALIBER
      : source === 'trace' && groupBy === 'caliber' ? TRACES_BY_CALIBER : FROM[source];
    const label = groupBy === 'month' ? `to_char(grp, 'YYYY-MM')` : 'grp';
    const result = await query<Record<string, string | number | null>>(this.dataSource,
      `SELECT ${label} AS grp, ${aggregates.map((_, i) => `m${i}`).join(', ')} FROM (
         SELECT ${key} AS grp, ${aggregates.map(([, sql], i) => `${sql} AS m${i}`).join(', ')}
         FROM ${from_} WHERE ${PERIOD[source]} >= $1 AND ${PERIOD[source]} < $2 GROUP BY 1) AS grouped`,
      [from, to],
    );
    return { aggregates, rows: result.map((r) => ({ group: String(r.grp), values: aggregates.map((_, i) => r[`m${i}`] ?? null) })) };
  }

  async breakdowns(from: Date, to: Date) {
    const [types, resolutions, rules] = await Promise.all([
      query<{ k: string; n: string }>(this.dataSource, `SELECT match_type AS k, count(*) AS n FROM deconfliction_hits WHERE created_at >= $1 AND created_at < $2 GROUP BY 1 ORDER BY 1`, [from, to]),
      query<{ k: string; n: string }>(this.dataSource, `SELECT coalesce(resolution, status) AS k, count(*) AS n FROM deconfliction_hits WHERE created_at >= $1 AND created_at < $2 GROUP BY 1 ORDER BY 1`, [from, to]),
      query<{ rule: string; status: string; n: string }>(this.dataSource, `SELECT coalesce(rule, 'MANUAL') AS rule, status, count(*) AS n FROM referrals WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2 ORDER BY 1, 2`, [from, to]),
    ]);
    return { types, resolutions, rules };
  }
}
