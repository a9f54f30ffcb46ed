import { closeDobs, DobCloseness, dobCloseness } from '../../libs/deconfliction/person-tier-rules';
import type { GenSpec } from './generators';
import type { BenchQuery } from './queries';
import { chance, pick, rngFor } from './random';

/** The DOB errors the PROBABLE tier forgives (issue 16): how records of one person's birth date go wrong. */
export const DOB_ERROR_KINDS = ['DAY_MONTH_SWAPPED', 'ONE_DIGIT_OFF', 'YEAR_APART'] as const;
export type DobErrorKind = (typeof DOB_ERROR_KINDS)[number];

/** A person check query, with the DOB error applied to it, if any. */
export type DobErrorQuery = BenchQuery & { dobError?: DobErrorKind };

/** Share of the person queries sent with a DOB whose DOB is mistyped (the rest keep the source's DOB). */
export const DOB_ERROR_RATE = Number(process.env.BENCH_DOB_ERRORS ?? 0.2);

/**
 * Applies PROBABLE-kind DOB errors to the person queries sent with a DOB, in place, on top of their name variants
 * (which the query generator makes): a share DOB_ERROR_RATE of them get a date that is the source's with day and
 * month swapped, one digit off, or the same day and month a year apart, each kind as likely as the others where the
 * date allows it (a swap needs a day of 12 or less that differs from the month). Deterministic per seed and index.
 */
export function applyDobErrors(spec: GenSpec, queries: BenchQuery[], rate = DOB_ERROR_RATE): DobErrorQuery[] {
  return queries.map((q, i) => {
    const person = q.person;
    const dob = person?.dob ?? null;
    if (!person || dob === null) return q;
    const rng = rngFor(spec.seed, 'person-dob-error', i);
    if (!chance(rng, rate)) return q;
    const byKind = new Map<DobCloseness, string[]>();
    // The API takes dates from 1900 to today: a digit off may not leave that range.
    for (const close of closeDobs(dob).filter((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10))) {
      const kind = dobCloseness(dob, close);
      byKind.set(kind, [...(byKind.get(kind) ?? []), close]);
    }
    const kinds = DOB_ERROR_KINDS.filter((k) => byKind.has(k));
    if (kinds.length === 0) return q;
    const kind = pick(rng, kinds);
    const wrong = pick(rng, byKind.get(kind)!);
    person.dob = wrong;
    const subject = q.body.subjects?.[0] as { dateOfBirth?: string } | undefined;
    if (subject) subject.dateOfBirth = wrong;
    return Object.assign(q, { dobError: kind });
  });
}
