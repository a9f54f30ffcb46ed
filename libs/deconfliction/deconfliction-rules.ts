import { uuidFrom } from '../common/deterministic-id';
import { hitWorkflowId } from '../contracts/workflows';
import type { NewHit } from './hit.repository';
import type { ItemKeys } from './match-keys';
import type { Match } from './matching.repository';

/** The keys of several batches of values (a case's subjects, identifiers, firearms and operations) as one set. */
export const mergeKeys = (all: ItemKeys[]): ItemKeys => ({
  exact: all.flatMap((k) => k.exact), persons: all.flatMap((k) => k.persons), events: all.flatMap((k) => k.events),
});

/** Pair keys are symmetric: the same two values make one hit whichever side entered last. */
export const pairKeyOf = (m: Match): string => `${[m.own.itemId, m.other.itemId].sort().join('|')}|${m.matchType}`;

/** The hit a match makes; its id derives from the pair key, so a retried pass names the same hit. */
export function hitOf(caseId: string | null, agency: string, m: Match): NewHit {
  const pairKey = pairKeyOf(m);
  const id = uuidFrom(`hit\n${pairKey}`);
  return {
    id, pairKey, matchType: m.matchType, score: m.score, reason: m.reason, urgent: m.urgent,
    tier: m.tier ?? null, reasonEs: m.reasonEs ?? null,
    a: { caseId, agency, itemId: m.own.itemId, value: m.own.value, ...(m.own.nameForm ? { nameForm: m.own.nameForm } : {}) },
    b: { ...m.other },
    workflowId: hitWorkflowId(id),
  };
}
