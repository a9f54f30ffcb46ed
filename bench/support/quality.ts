import type { Client } from 'pg';
import { SERIAL_PARTIAL_MAX_DEFAULT } from '../../libs/config/config';
import type { Match } from '../../libs/deconfliction/matching.repository';
import { nameTokens } from '../../libs/deconfliction/normalize';
import { collapseSerialParts } from '../../libs/deconfliction/serial-collapse';
import type { BenchCase } from './bulk-load';
import type { KindRun } from './measure';
import { VARIANT_CLASSES } from './person-variants';
import type { BenchQuery } from './queries';
import type { Sample } from './stats';

/** Recall and precision of what the probe and the API returned, against what each query was built to find. */

export interface HitRecall {
  expected: number; probeFound: number; apiFound: number; misses: number; missesWithMatches: number;
  /**
   * Matches the probe raised as hits, per query made from a stored item and per fresh one: each is a hit (a case pass)
   * or a record, a notice to its owner and a count towards a pattern alert (a check), so many per query are a flood
   * however good the recall. A POSSIBLE person match is not counted: it is a coordinator's review item, and a common
   * name's are one (the person tables count those); nor are the serials of a readable part's crowd, one review item
   * (libs/deconfliction/serial-collapse.ts).
   */
  hitsPerStoredQuery: number[]; hitsPerFreshQuery: number[];
  /** Queries whose readable part met more stored serials than SERIAL_PARTIAL_MAX: one review item or ambiguous entry each. */
  crowded: number;
}

/** Queries made from a stored item must find it (probe: that item; API: its case); the others should find nothing. */
export function hitRecall(queries: BenchQuery[], run: KindRun, cases: BenchCase[], serialPartialMax = SERIAL_PARTIAL_MAX_DEFAULT): HitRecall {
  const out: HitRecall = {
    expected: 0, probeFound: 0, apiFound: 0, misses: 0, missesWithMatches: 0, hitsPerStoredQuery: [], hitsPerFreshQuery: [], crowded: 0,
  };
  queries.forEach((q, i) => {
    const { kept, crowds } = collapseSerialParts(run.probeMatches[i] ?? [], serialPartialMax);
    if (crowds.length > 0) out.crowded += 1;
    const hits = kept.filter((m) => m.tier !== 'POSSIBLE').length;
    if (q.expectItemId === null) {
      out.misses += 1;
      out.hitsPerFreshQuery.push(hits);
      if (hits > 0) out.missesWithMatches += 1;
      return;
    }
    out.expected += 1;
    out.hitsPerStoredQuery.push(hits);
    if ((run.probeMatches[i] ?? []).some((m) => m.other.itemId === q.expectItemId)) out.probeFound += 1;
    const caseNumber = cases[q.expectCaseIndex ?? -1]?.caseNumber;
    if ((run.apiMatches[i] ?? []).some((m) => m.counterpart.caseNumber === caseNumber)) out.apiFound += 1;
  });
  return out;
}

/** hitRecall of the queries made from a stored value, per way they were written (BenchQuery.variant), in first-seen order. */
export function hitRecallByVariant(queries: BenchQuery[], run: KindRun, cases: BenchCase[]): [string, HitRecall][] {
  const variants = [...new Set(queries.flatMap((q) => (q.variant ? [q.variant] : [])))];
  return variants.map((variant) => {
    const picked = queries.flatMap((q, i) => (q.variant === variant ? [i] : []));
    const subset = { ...run, probeMatches: picked.map((i) => run.probeMatches[i]), apiMatches: picked.map((i) => run.apiMatches[i]) };
    return [variant, hitRecall(picked.map((i) => queries[i]), subset, cases)];
  });
}

export interface PersonQuality {
  group: string; n: number; recall: number; precision: number; bothDobPrecision: number; bothDobMatches: number;
  namesakePrecision: number; apiCaseRecall: number; matchesPerQuery: number;
}

export const sameTokens = (a: string, b: string): boolean => nameTokens(a).join(' ') === nameTokens(b).join(' ');

/** The reason says whether both sides had a date of birth ("DOB equal" / "DOB differs") or not ("DOB unknown"). */
export const bothDobsKnown = (m: Match): boolean => !/DOB unknown/.test(m.reason);

/** A match the data cannot tell from the source: the same name tokens, and no date of birth that differs. */
export const namesakeOfSource = (m: Match, source: { id: string; fullName: string }): boolean =>
  m.other.itemId === source.id || (sameTokens(m.other.value, source.fullName) && !/DOB differs/.test(m.reason));

const share = (n: number, d: number) => (d ? n / d : 1);

function personGroup(group: string, picked: { q: BenchQuery; matches: Match[]; apiHit: boolean }[]): PersonQuality {
  let found = 0; let returned = 0; let correct = 0; let namesakes = 0; let apiHits = 0; let bothDob = 0; let bothDobCorrect = 0;
  for (const { q, matches, apiHit } of picked) {
    const source = q.person!.source;
    const persons = matches.filter((m) => m.matchType === 'PERSON');
    const isSource = (m: Match) => m.other.itemId === source.id;
    if (persons.some(isSource)) found += 1;
    if (apiHit) apiHits += 1;
    returned += persons.length;
    correct += persons.filter(isSource).length;
    namesakes += persons.filter((m) => namesakeOfSource(m, source)).length;
    const known = persons.filter(bothDobsKnown);
    bothDob += known.length;
    bothDobCorrect += known.filter(isSource).length;
  }
  const n = picked.length;
  return {
    group, n, recall: found / n, precision: share(correct, returned), bothDobPrecision: share(bothDobCorrect, bothDob),
    bothDobMatches: bothDob, namesakePrecision: share(namesakes, returned), apiCaseRecall: apiHits / n, matchesPerQuery: returned / n,
  };
}

/**
 * Per variant class, and by whether the date of birth was sent. Precision (the definition, the headline)
 * counts only the source person as right. Two other readings, stated beside it because namesakes without a date of
 * birth make the headline unreachable for any matcher: "both DOBs" is precision over the matches where the query and
 * the stored person both have a date of birth; "namesake" also counts as right a stored person with exactly the
 * source's name tokens and no differing date of birth, which no matcher can tell from the source.
 */
export function personQuality(queries: BenchQuery[], run: KindRun, cases: BenchCase[]): PersonQuality[] {
  const rows = queries.map((q, i) => ({
    q, matches: run.probeMatches[i] ?? [],
    apiHit: (run.apiMatches[i] ?? []).some((m) => m.counterpart.caseNumber === cases[q.person!.source.caseIndex].caseNumber),
  }));
  return [
    personGroup('all', rows),
    ...VARIANT_CLASSES.map((v) => personGroup(`variant: ${v}`, rows.filter((r) => r.q.person!.variant === v))),
    personGroup('DOB sent', rows.filter((r) => r.q.person!.dob !== null)),
    personGroup('no DOB sent, DOB on file', rows.filter((r) => r.q.person!.dob === null && r.q.person!.source.dob !== null)),
    personGroup('no DOB on file', rows.filter((r) => r.q.person!.source.dob === null)),
  ].filter((g) => g.n > 0);
}

/** A few misses per variant class, with what the probe returned instead: the evidence for a report. */
export function personMisses(queries: BenchQuery[], run: KindRun, perClass: number): string[] {
  const lines: string[] = [];
  for (const variant of VARIANT_CLASSES) {
    const missed = queries.map((q, i) => ({ q, matches: run.probeMatches[i] ?? [] }))
      .filter(({ q, matches }) => q.person!.variant === variant && !matches.some((m) => m.other.itemId === q.person!.source.id));
    for (const { q, matches } of missed.slice(0, perClass)) {
      const p = q.person!;
      lines.push(`${variant}: stored "${p.source.fullName}" (DOB ${p.source.dob ?? '-'}) queried as "${p.fullName}" (DOB ${p.dob ?? '-'}): ${matches.length} other matches`);
    }
  }
  return lines;
}

export interface EventRecall { queries: number; oracleRows: number; found: number; extra: number; oracle: Sample }

/**
 * The brute-force answer: every stored operation whose area touches the query's and whose window overlaps it, found
 * by scanning the table with index scans turned off, compared with what the probe returned for the same query.
 */
export async function eventRecall(client: Client, queries: BenchQuery[], run: KindRun, sample: number): Promise<EventRecall> {
  const out: EventRecall = { queries: 0, oracleRows: 0, found: 0, extra: 0, oracle: { latenciesMs: [], elapsedMs: 0, errors: 0 } };
  for (const [i, q] of queries.slice(0, sample).entries()) {
    const op = q.body.operations![0];
    const started = performance.now();
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexonlyscan = off');
    const { rows } = await client.query<{ id: string }>(
      `SELECT e.id FROM event_keys e JOIN cases c ON c.id = e.case_id
       WHERE earth_distance(e.center, ll_to_earth($1, $2)) <= $3 + e.radius_meters + 0.01
         AND e.during && tstzrange($4, $5, '[]') AND c.status <> 'CLOSED'`,
      [op.latitude, op.longitude, op.radiusMeters, op.startsAt, op.endsAt],
    );
    await client.query('COMMIT');
    const ms = performance.now() - started;
    out.oracle.latenciesMs.push(ms);
    out.oracle.elapsedMs += ms;
    const truth = new Set(rows.map((r) => r.id));
    const probed = new Set((run.probeMatches[i] ?? []).filter((m) => m.matchType === 'EVENT').map((m) => m.other.itemId));
    out.queries += 1;
    out.oracleRows += truth.size;
    out.found += [...truth].filter((id) => probed.has(id)).length;
    out.extra += [...probed].filter((id) => !truth.has(id)).length;
  }
  return out;
}

export interface PrecisionCeiling {
  queries: number;
  /** Stored persons with exactly the source's name tokens and nothing in the DOB to tell them from it, over all queries. */
  twins: number;
  /** Queries whose source has no such twin: the only ones a matcher can answer without also returning someone else. */
  queriesWithoutTwins: number;
  bestPrecisionAtRecall: number;
  recallTarget: number;
  bestRecallAtPrecision: number;
  precisionTarget: number;
}

/**
 * The most any matcher can reach on these queries if it answers two stored persons alike whenever their records agree
 * on everything it may compare: name tokens after folding (the normalization the issue asks for, so accents, order and
 * case cannot separate them) and how their date of birth relates to the query's. Finding a source then returns its
 * twins too; the matcher may still skip whole queries. Answering the queries with the fewest twins first gives the
 * best precision for a recall and the best recall for a precision. Only exact-token twins count, so the true ceiling
 * is lower still (a query missing the second surname cannot tell its source from any namesake with another one).
 */
export async function precisionCeiling(
  client: Client, queries: BenchQuery[], recallTarget: number, precisionTarget: number,
): Promise<PrecisionCeiling> {
  const persons = queries.map((q) => q.person!);
  const keyOf = (fullName: string) => nameTokens(fullName).join(' ');
  const { rows } = await client.query<{ key: string; id: string; dob: string | null }>(
    `SELECT array_to_string(tokens, ' ') AS key, id, date_of_birth::text AS dob FROM person_keys
     WHERE array_to_string(tokens, ' ') = ANY($1::text[])`,
    [[...new Set(persons.map((p) => keyOf(p.source.fullName)))]],
  );
  const byKey = new Map<string, { id: string; dob: string | null }[]>();
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  // Without a DOB in the query every twin relates to it as the source does (unknown); with one, only a twin born the same day does.
  const twinCounts = persons.map((p) => (byKey.get(keyOf(p.source.fullName)) ?? [])
    .filter((t) => t.id !== p.source.id && (p.dob === null || t.dob === p.dob)).length);
  return { ...ceilingOf(twinCounts, recallTarget, precisionTarget), recallTarget, precisionTarget };
}

/** Pure part of `precisionCeiling`: per query, how many stored persons a matcher must return with its source. */
export function ceilingOf(twinCounts: number[], recallTarget: number, precisionTarget: number) {
  const sorted = [...twinCounts].sort((a, b) => a - b);
  const needed = Math.ceil(recallTarget * sorted.length);
  let returned = 0;
  let bestPrecisionAtRecall = 1;
  let bestRecallAtPrecision = 0;
  sorted.forEach((twins, i) => {
    const answered = i + 1;
    returned += 1 + twins;
    if (answered === needed) bestPrecisionAtRecall = answered / returned;
    if (answered / returned >= precisionTarget) bestRecallAtPrecision = answered / sorted.length;
  });
  return {
    queries: sorted.length,
    twins: returned - sorted.length,
    queriesWithoutTwins: sorted.filter((n) => n === 0).length,
    bestPrecisionAtRecall,
    bestRecallAtPrecision,
  };
}

export const AMBIGUITY_CAPS = [1, 2, 3, 5, 10, 20, 50];

/**
 * The product option the ceiling leaves open, computed on the measured answers: a name-only match (no DOB on one
 * side) stays a hit only while a query has at most `cap` of them, so a common name without a date of birth would
 * raise an advisory ("add a DOB") instead of one hit per namesake. Matches with both DOBs are kept as they are.
 */
export function ambiguityCapSweep(
  queries: BenchQuery[], run: KindRun, caps = AMBIGUITY_CAPS,
): { cap: number; recall: number; precision: number; perQuery: number }[] {
  return caps.map((cap) => {
    let found = 0; let returned = 0; let correct = 0;
    queries.forEach((q, i) => {
      const persons = (run.probeMatches[i] ?? []).filter((m) => m.matchType === 'PERSON');
      const nameOnly = persons.filter((m) => !bothDobsKnown(m));
      const kept = nameOnly.length > cap ? persons.filter(bothDobsKnown) : persons;
      const sourceHits = kept.filter((m) => m.other.itemId === q.person!.source.id).length;
      if (sourceHits > 0) found += 1;
      correct += sourceHits;
      returned += kept.length;
    });
    return { cap, recall: found / queries.length, precision: share(correct, returned), perQuery: returned / queries.length };
  });
}
