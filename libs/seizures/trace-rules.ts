export const TRACE_PRIORITIES = ['URGENT', 'ROUTINE'] as const;
export type TracePriority = (typeof TRACE_PRIORITIES)[number];
import type { TraceAction, TraceStatus } from '../contracts/seizures';

export { TRACE_STATUSES, type TraceAction, type TraceStatus } from '../contracts/seizures';
export const FINAL_TRACE_STATUSES: readonly TraceStatus[] = ['COMPLETED', 'UNSUCCESSFUL'];

/** Seed 003: a trace is submitted, monitored while in progress, and completed with a result or closed as unsuccessful. */
export function nextTraceStatus(current: TraceStatus, action: TraceAction): TraceStatus | null {
  if (action === 'START') return current === 'SUBMITTED' ? 'IN_PROGRESS' : null;
  if (current !== 'IN_PROGRESS') return null;
  return action === 'COMPLETE' ? 'COMPLETED' : 'UNSUCCESSFUL';
}

/** Days from the first retail sale to the seizure: the "time-to-crime" trace analysts report. */
export function timeToCrimeDays(firstRetailSale: string, seizedAt: Date): number | null {
  const sale = Date.parse(`${firstRetailSale}T00:00:00Z`);
  if (Number.isNaN(sale)) return null;
  const seized = Date.UTC(seizedAt.getUTCFullYear(), seizedAt.getUTCMonth(), seizedAt.getUTCDate());
  return seized >= sale ? Math.round((seized - sale) / 86_400_000) : null;
}

/**
 * Case results and how statistics count them (README, "Statistics"). A fruitful investigation is a closed case whose
 * result is an enforcement outcome; a successful prosecution is one that ended in a conviction or a guilty plea.
 * Cases closed without a result count in neither and are reported as unclassified.
 */
export const CASE_RESULTS = [
  'CONVICTION', 'GUILTY_PLEA', 'INDICTMENT', 'ARREST', 'SEIZURE', 'REFERRED_TO_PARTNER', 'NO_PROSECUTION', 'ACQUITTAL',
  'UNFOUNDED', 'OTHER',
] as const;
export type CaseResult = (typeof CASE_RESULTS)[number];
export const FRUITFUL_RESULTS: readonly CaseResult[] = ['CONVICTION', 'GUILTY_PLEA', 'INDICTMENT', 'ARREST', 'SEIZURE', 'REFERRED_TO_PARTNER'];
export const PROSECUTION_RESULTS: readonly CaseResult[] = ['CONVICTION', 'GUILTY_PLEA'];

export function classifyCaseResult(result: CaseResult | null | undefined): { fruitful: boolean; prosecuted: boolean; classified: boolean } {
  if (!result) return { fruitful: false, prosecuted: false, classified: false };
  return { fruitful: FRUITFUL_RESULTS.includes(result), prosecuted: PROSECUTION_RESULTS.includes(result), classified: true };
}
