import { csvField } from '../http/csv';
import type { DataSource } from 'typeorm';
import { WEAPON_TYPES } from './caliber';
import { CsvLanguage, statsColumnLabel } from './stats-labels';
import { STATS_METRICS, StatsGrouping, StatsMetric } from './stats-rules';
import { AGGREGATES, KEYS, Source, StatsRepository } from './stats.repository';

export { STATS_METRICS } from './stats-rules';
export type { StatsGrouping, StatsMetric } from './stats-rules';

export interface StatsRow { group: string; weaponType?: string | null; recognized?: boolean; metrics: Record<StatsMetric, number | null> }

/**
 * Statistics counted one way for every agency (README, "Statistics"): each metric is a plain aggregate over its
 * source in the period [from, to), grouped by agency, month, caliber class or the trace's source state.
 */
export class StatsService {
  private readonly stats: StatsRepository;

  constructor(dataSource: DataSource) {
    this.stats = new StatsRepository(dataSource);
  }

  async table(from: Date, to: Date, groupBy: StatsGrouping): Promise<StatsRow[]> {
    const rows = new Map<string, StatsRow>();
    const row = (group: string): StatsRow => {
      let r = rows.get(group);
      if (!r) {
        r = { group, metrics: Object.fromEntries(STATS_METRICS.map((m) => [m, null])) as Record<StatsMetric, number | null> };
        rows.set(group, r);
      }
      return r;
    };
    // One query per source, each on its own pooled connection: they read different tables and run side by side.
    const sources = (Object.keys(AGGREGATES) as Source[]).filter((source) => KEYS[groupBy][source]);
    const results = await Promise.all(sources.map((source) => this.stats.totals(source, groupBy, from, to)));
    for (const { aggregates, rows: totals } of results) {
      for (const r of totals) {
        const target = row(r.group);
        aggregates.forEach(([metric], i) => { target.metrics[metric as StatsMetric] = r.values[i] === null ? null : Number(r.values[i]); });
      }
    }
    const applicable = STATS_METRICS.filter((m) => (Object.keys(AGGREGATES) as Source[])
      .some((s) => KEYS[groupBy][s] && AGGREGATES[s][m] !== undefined && m !== 'medianTimeToCrimeDays'));
    for (const r of rows.values()) for (const m of applicable) r.metrics[m] ??= 0;
    if (groupBy === 'caliber') {
      for (const r of rows.values()) {
        r.recognized = !r.group.startsWith('UNRECOGNIZED:') && r.group !== 'UNKNOWN';
        r.weaponType = WEAPON_TYPES[r.group] ?? null;
      }
    }
    return [...rows.values()].sort((a, b) => a.group.localeCompare(b.group));
  }

  /** Whole-period breakdowns that do not fit a single column: hits by type and resolution, referrals by rule and outcome. */
  async breakdowns(from: Date, to: Date) {
    const { types, resolutions, rules } = await this.stats.breakdowns(from, to);
    const toMap = (r: { k: string; n: string }[]) => Object.fromEntries(r.map((x) => [x.k, Number(x.n)]));
    const byRule: Record<string, Record<string, number>> = {};
    for (const r of rules) (byRule[r.rule] ??= {})[r.status] = Number(r.n);
    return { hitsByType: toMap(types), hitsByResolution: toMap(resolutions), referralsByRule: byRule };
  }
}

/**
 * One CSV table: a header row (in the reader's language), then one row per group; fields quoted where they need it
 * (RFC 4180). The figures and group labels are data and stay as they are.
 */
export function statsCsv(rows: StatsRow[], groupBy: StatsGrouping, lang: CsvLanguage = 'en'): string {
  const quote = (v: string | number | boolean | null | undefined) => csvField(v === null || v === undefined ? '' : String(v));
  const extra = groupBy === 'caliber' ? (['weaponType', 'recognized'] as const) : [];
  const header = [groupBy, ...extra, ...STATS_METRICS].map((column) => statsColumnLabel(column, lang));
  const lines = rows.map((r) => [r.group, ...(groupBy === 'caliber' ? [r.weaponType, r.recognized] : []), ...STATS_METRICS.map((m) => r.metrics[m])]);
  return [header, ...lines].map((line) => line.map(quote).join(',')).join('\r\n') + '\r\n';
}
