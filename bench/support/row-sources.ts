import { DEFAULT_OPERATION_RADIUS_METERS } from '../../libs/cases/case-rules';
import { uuidFrom } from '../../libs/common/deterministic-id';
import { identifierNorms, KeyOptions, normalizeOrganization, normalizeRegion } from '../../libs/deconfliction/match-keys';
import { foldText, nameTokens } from '../../libs/deconfliction/normalize';
import { personSkeleton } from '../../libs/deconfliction/person-skeletons';
import { personPairKeys } from '../../libs/deconfliction/person-tokens';
import { textArray } from './copy-text';
import type { CopyValue } from './copy-text';
import { eventAt, GenSpec, identifierAt, personAt } from './generators';

/**
 * The generated rows of the three loaded tables, keyed exactly as the production code keys them. Plain data in, rows
 * out: they run in a worker thread (copy-worker.ts), one per table, so the three are generated side by side.
 */

export interface SourceCase { id: string; agency: string }

/** What a source tells once its rows are written: identifier sources used, values skipped, token counts. */
export interface SourceTally { sources: number; unreadable: number; tokenCounts: [string, number][] }

export const keyOptionsFor = (serialMinReadable: number) => (agency: string): KeyOptions => ({
  country: agency === 'PGR' ? 'MX' : 'US', serialMinReadable, defaultRadiusMeters: DEFAULT_OPERATION_RADIUS_METERS,
});

export function* matchKeyRows(
  spec: GenSpec, cases: SourceCase[], options: (agency: string) => KeyOptions, at: string, tally: SourceTally,
): Generator<CopyValue[]> {
  for (let i = 0; ; i += 1) {
    tally.sources = i + 1;
    const r = identifierAt(spec, i);
    const owner = cases[r.caseIndex];
    const norms = r.matchType === 'ORGANIZATION'
      ? [normalizeOrganization(r.raw)].filter((n): n is string => n !== null).map((norm) => ({ norm, partial: false }))
      : identifierNorms(r.matchType, r.raw, r.region, options(owner.agency), r.obliterated);
    if (!norms || norms.length === 0) { tally.unreadable += 1; continue; }
    const region = r.matchType === 'VEHICLE_PLATE' ? normalizeRegion(r.region) : null;
    for (const { norm, partial } of norms) {
      yield [uuidFrom(`${r.itemId}\n${r.matchType}\n${norm}\n${partial}`), r.itemId, owner.id, owner.agency, r.matchType,
        norm, partial, region, r.raw, at];
    }
  }
}

export function* generatedPersons(spec: GenSpec, cases: SourceCase[]): Generator<{ row: CopyValue[]; tokens: string[]; dob: string | null }> {
  for (let i = 0; ; i += 1) {
    const p = personAt(spec, i);
    const owner = cases[p.caseIndex];
    const tokens = nameTokens(p.fullName);
    const skeleton = personSkeleton(p.fullName);
    yield {
      row: [p.id, owner.id, owner.agency, p.fullName, foldText(p.fullName), textArray(tokens), skeleton.name, textArray(skeleton.pairs)],
      tokens, dob: p.dob,
    };
  }
}

/** person_keys rows with their codes (from the vocabulary's, computed once), counting each token's persons. */
export function* personKeyRows(
  spec: GenSpec, cases: SourceCase[], codes: Map<string, string[]>, at: string, counts: Map<string, number>,
): Generator<CopyValue[]> {
  for (const { row, tokens, dob } of generatedPersons(spec, cases)) {
    const perToken = tokens.map((t) => codes.get(t) ?? []);
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    yield [...row, textArray([...new Set(perToken.flat())]), textArray(perToken.map((c) => c.join(' '))),
      textArray(personPairKeys(tokens, perToken)), dob, at];
  }
}

/** Event rows for the staging table (the earth point is computed by ll_to_earth in SQL, as MatchingRepository.store does). */
export function* eventStagingRows(spec: GenSpec, cases: SourceCase[], at: string): Generator<CopyValue[]> {
  for (let i = 0; ; i += 1) {
    const e = eventAt(spec, i);
    const owner = cases[e.caseIndex];
    const [startsAt, endsAt] = [new Date(e.startsAt).toISOString(), new Date(e.endsAt).toISOString()];
    yield [e.id, owner.id, owner.agency, e.type, e.latitude, e.longitude, e.radiusMeters, startsAt, endsAt,
      `${e.type} ${startsAt}/${endsAt} within ${e.radiusMeters} m of ${e.latitude},${e.longitude}`, at];
  }
}
