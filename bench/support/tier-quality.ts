import type { Client } from 'pg';
import type { Match } from '../../libs/deconfliction/matching.repository';
import { nameTokens } from '../../libs/deconfliction/normalize';
import { reviewsFor } from '../../libs/deconfliction/review-rules';
import { DOB_ERROR_KINDS, DobErrorQuery } from './dob-errors';
import type { KindRun } from './measure';
import { VARIANT_CLASSES } from './person-variants';
import { ceilingOf } from './quality';
import { printGrid } from './report';
import { percentile, Sample } from './stats';

/**
 * Person figures by tier (issue 16), per DOB stratum and name-frequency band: what an agent is told (hits: CONFIRMED
 * and PROBABLE) and what the coordinator reviews (POSSIBLE; more than PERSON_POSSIBLE_MAX of one query are one item).
 */

interface Spread { p50: number; p95: number; mean: number }
export interface TierFigures {
  group: string; n: number;
  /** The source person in any tier. */
  recall: number;
  /** CONFIRMED + PROBABLE matches that are the source person, and how many there were. */
  hitPrecision: number; hits: number; hitRecall: number;
  /** Per query: hits (each notifies the agent who entered the person once) and coordinator review items. */
  notifications: Spread; reviews: Spread;
  /** The best any matcher can do that answers alike stored persons it cannot tell apart (see quality.ts). */
  precisionCeiling: number; notificationFloor: number;
  /** Milliseconds per query through POST /deconfliction/checks and through the probe as a check runs it. */
  apiMs: Spread; checkMs: Spread;
}

/** Name-frequency bands: how many stored persons carry exactly the source's name tokens (the source included). */
export const bandOf = (sameName: number): 'rare' | 'medium' | 'common' => (sameName <= 1 ? 'rare' : sameName <= 5 ? 'medium' : 'common');

const spread = (values: number[]): Spread => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean: values.reduce((s, v) => s + v, 0) / Math.max(1, values.length) };
};
const isHit = (m: Match) => m.matchType === 'PERSON' && (m.tier === 'CONFIRMED' || m.tier === 'PROBABLE');

interface Row { q: DobErrorQuery; matches: Match[]; sameName: number; twins: number; apiMs: number; checkMs: number }

function figures(group: string, rows: Row[], possibleMax: number): TierFigures {
  const n = rows.length;
  let found = 0; let hits = 0; let correctHits = 0; let hitFound = 0;
  const notifications: number[] = []; const reviews: number[] = [];
  for (const { q, matches } of rows) {
    const source = q.person!.source.id;
    const persons = matches.filter((m) => m.matchType === 'PERSON');
    if (persons.some((m) => m.other.itemId === source)) found += 1;
    const raised = persons.filter(isHit);
    hits += raised.length;
    correctHits += raised.filter((m) => m.other.itemId === source).length;
    if (raised.some((m) => m.other.itemId === source)) hitFound += 1;
    notifications.push(raised.length);
    // The review items the deconfliction pass would write for these POSSIBLE matches (review-rules.ts).
    reviews.push(reviewsFor('bench-case', 'BENCH', persons.filter((m) => m.tier === 'POSSIBLE'), possibleMax).length);
  }
  const hitRecall = n ? hitFound / n : 0;
  const twins = rows.map((r) => r.twins);
  const ceiling = ceilingOf(twins, hitRecall, 1);
  // The fewest hits that reach our hit recall: the queries with the fewest twins first, each raising its source and twins.
  const needed = Math.ceil(hitRecall * n);
  const floor = [...twins].sort((a, b) => a - b).slice(0, needed).reduce((s, t) => s + 1 + t, 0) / Math.max(1, n);
  return {
    group, n, recall: n ? found / n : 0, hitPrecision: hits ? correctHits / hits : 1, hits, hitRecall,
    notifications: spread(notifications), reviews: spread(reviews), precisionCeiling: ceiling.bestPrecisionAtRecall, notificationFloor: floor,
    apiMs: spread(rows.map((r) => r.apiMs)), checkMs: spread(rows.map((r) => r.checkMs)),
  };
}

/**
 * The figures overall, per stratum (DOB on both sides, one side, neither), per band, and per DOB error kind. A twin is a
 * stored person with the source's exact name tokens that relates to the query's DOB as the source does.
 */
export async function tierQuality(
  client: Client, queries: DobErrorQuery[], run: KindRun, asCheck: Sample, possibleMax: number,
): Promise<TierFigures[]> {
  const keyOf = (fullName: string) => nameTokens(fullName).join(' ');
  const { rows: stored } = await client.query<{ key: string; id: string; dob: string | null }>(
    `SELECT array_to_string(tokens, ' ') AS key, id, date_of_birth::text AS dob FROM person_keys WHERE array_to_string(tokens, ' ') = ANY($1::text[])`,
    [[...new Set(queries.map((q) => keyOf(q.person!.source.fullName)))]],
  );
  const byKey = new Map<string, { id: string; dob: string | null }[]>();
  for (const r of stored) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const rows: Row[] = queries.map((q, i) => {
    const p = q.person!;
    const same = byKey.get(keyOf(p.source.fullName)) ?? [];
    const twins = same.filter((t) => t.id !== p.source.id && (p.dob === null || t.dob === p.source.dob)).length;
    return {
      q, matches: run.probeMatches[i] ?? [], sameName: Math.max(1, same.length), twins, apiMs: run.api.latenciesMs[i], checkMs: asCheck.latenciesMs[i],
    };
  });
  const stratum = (r: Row) => {
    const sides = Number(r.q.person!.dob !== null) + Number(r.q.person!.source.dob !== null);
    return sides === 2 ? 'DOB on both sides' : sides === 1 ? 'DOB on one side' : 'DOB on neither side';
  };
  const groups: [string, (r: Row) => boolean][] = [
    ['all', () => true],
    ...['DOB on both sides', 'DOB on one side', 'DOB on neither side'].map((s): [string, (r: Row) => boolean] => [s, (r) => stratum(r) === s]),
    ...(['rare', 'medium', 'common'] as const).map((b): [string, (r: Row) => boolean] => [`name ${b}`, (r) => bandOf(r.sameName) === b]),
    ...DOB_ERROR_KINDS.map((k): [string, (r: Row) => boolean] => [`DOB error ${k}`, (r) => r.q.dobError === k]),
    // Issue 21: recall and hit precision per name variant kind.
    ...VARIANT_CLASSES.map((v): [string, (r: Row) => boolean] => [`variant ${v}`, (r) => r.q.person!.variant === v]),
  ];
  return groups.map(([name, keep]) => figures(name, rows.filter(keep), possibleMax)).filter((f) => f.n > 0);
}

/** A CONFIRMED or PROBABLE match that is not the source person, and whether any matcher could have told it apart. */
export interface FalseHit {
  variant: string; band: string; tier: string; queried: string; queryDob: string | null; source: string; sourceDob: string | null;
  stored: string; storedDob: string | null; reason: string;
  /**
   * A twin of the source: the same name tokens and the same relation to the query's DOB (the ceiling's definition,
   * quality.ts). Nothing on record tells it from the source: beyond any matcher.
   */
  twin: boolean;
  /** How the stored name's tokens relate to the source's, the DOB relation and how the agreeing tokens agreed. */
  cause: string;
}

/** How a false hit's name and DOB relate to the source's, from its tokens and the tier reason's parts. */
function causeOf(source: string[], stored: string[], reason: string): string {
  const name = source.join(' ') === stored.join(' ') ? 'same tokens as the source'
    : source.every((t) => stored.includes(t)) ? 'source tokens + extra'
      : stored.every((t) => source.includes(t)) ? 'subset of the source tokens' : 'other tokens';
  const dob = /same DOB/.test(reason) ? 'same DOB' : /DOB unknown/.test(reason) ? 'DOB unknown' : /shared /.test(reason) ? 'shared identifier' : 'close DOB';
  const agreed = /tokens agree \(([^)]*(?:\([^)]*\)[^)]*)*)\)/.exec(reason)?.[1].replace(/ \([^)]*\)/g, '') ?? '?';
  const rarity = /(rare|common) name/.exec(reason)?.[0];
  return [name, dob, agreed, rarity].filter(Boolean).join('; ');
}

/** Every false CONFIRMED/PROBABLE match of the run, with the stored person's tokens and DOB read back. */
export async function falseHits(client: Client, queries: DobErrorQuery[], run: KindRun): Promise<FalseHit[]> {
  const wrong = queries.flatMap((q, i) => (run.probeMatches[i] ?? [])
    .filter((m) => isHit(m) && m.other.itemId !== q.person!.source.id).map((m) => ({ q, m })));
  const { rows } = await client.query<{ id: string; tokens: string[]; dob: string | null }>(
    'SELECT id, tokens, date_of_birth::text AS dob FROM person_keys WHERE id = ANY($1::uuid[])', [[...new Set(wrong.map((w) => w.m.other.itemId))]]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const keys = [...new Set(queries.map((q) => nameTokens(q.person!.source.fullName).join(' ')))];
  const { rows: counts } = await client.query<{ key: string; n: string }>(
    `SELECT array_to_string(tokens, ' ') AS key, count(*) AS n FROM person_keys WHERE array_to_string(tokens, ' ') = ANY($1::text[]) GROUP BY 1`, [keys]);
  const sameName = new Map(counts.map((c) => [c.key, Number(c.n)]));
  return wrong.map(({ q, m }) => {
    const p = q.person!;
    const stored = byId.get(m.other.itemId);
    const sourceTokens = nameTokens(p.source.fullName);
    const storedTokens = stored ? [...new Set(stored.tokens)].sort() : nameTokens(m.other.value);
    const storedDob = stored?.dob ?? null;
    const sameRelation = p.dob === null || storedDob === p.source.dob;
    return {
      variant: p.variant, band: bandOf(sameName.get(sourceTokens.join(' ')) ?? 1), tier: m.tier!, queried: p.fullName, queryDob: p.dob,
      source: p.source.fullName, sourceDob: p.source.dob, stored: m.other.value, storedDob, reason: m.reason,
      twin: sourceTokens.join(' ') === storedTokens.join(' ') && sameRelation, cause: causeOf(sourceTokens, storedTokens, m.reason),
    };
  });
}

/** False hits counted by cause (twins apart), then each one: the evidence for where precision is lost. */
export function printFalseHits(hits: FalseHit[], detail = 80): void {
  console.log('');
  const twins = hits.filter((h) => h.twin).length;
  console.log(`false CONFIRMED+PROBABLE matches: ${hits.length}, of which ${twins} twins of their source (same tokens, same DOB relation)`);
  const counts = new Map<string, number>();
  for (const h of hits) {
    const key = `${h.twin ? 'TWIN' : 'namesake'} ${h.tier} [${h.variant}, ${h.band}]: ${h.cause}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${key}`);
  for (const h of hits.slice(0, detail)) {
    console.log(`  ${h.twin ? 'TWIN' : '    '} ${h.tier} ${h.variant}: "${h.queried}" (${h.queryDob ?? '-'}) from "${h.source}" (${h.sourceDob ?? '-'}) ` +
      `met "${h.stored}" (${h.storedDob ?? '-'}): ${h.reason}`);
  }
}

const x = (ours: number, best: number) => (best === 0 ? '-' : (ours / best).toFixed(2));
const s = (v: Spread) => `${v.p50}/${v.p95}/${v.mean.toFixed(2)}`;

export function printTierQuality(figures: TierFigures[]): void {
  console.log('');
  console.log('person tiers (issue 16), probe answers. recall: the source in any tier (ceiling 1: every query is made from a stored');
  console.log('person with errors inside the tolerances). hit precision: CONFIRMED+PROBABLE that are the source; its ceiling is the');
  console.log('best precision at the same hit recall for a matcher raising a source\'s indistinguishable twins with it. notifications:');
  console.log('hits per query (p50/p95/mean; each tells the entering agent once), floor = fewest hits for that hit recall. reviews:');
  console.log('coordinator items per query (a collapsed common name counts one; floor 0). x = ours / ceiling (or floor)');
  printGrid(['queries', 'n', 'recall', 'x', 'hit recall', 'hit precision', 'ceiling', 'x', 'hits', 'notif p50/p95/mean', 'floor', 'x', 'reviews p50/p95/mean'],
    figures.map((f) => [f.group, String(f.n), f.recall.toFixed(3), x(f.recall, 1), f.hitRecall.toFixed(3), f.hitPrecision.toFixed(3),
      f.precisionCeiling.toFixed(3), x(f.hitPrecision, f.precisionCeiling), String(f.hits), s(f.notifications), f.notificationFloor.toFixed(2),
      x(f.notifications.mean, f.notificationFloor), s(f.reviews)]));
}

const ms = (v: Spread) => `${v.p50.toFixed(1)} / ${v.p95.toFixed(1)}`;

/**
 * Where a person check's time goes by group. At 1,000,000 rows the slow tail was nickname, typo and rare-name queries
 * (wide blocking from their other forms), not the common names a check counts.
 */
export function printTierLatency(figures: TierFigures[]): void {
  console.log('');
  console.log('person check latency by group, p50 / p95 ms: through POST /deconfliction/checks, and the probe as a check runs it');
  printGrid(['queries', 'n', 'API', 'probe as a check', 'API - probe (p50)'],
    figures.map((f) => [f.group, String(f.n), ms(f.apiMs), ms(f.checkMs), (f.apiMs.p50 - f.checkMs.p50).toFixed(1)]));
}
