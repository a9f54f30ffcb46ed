import type { EntityManager } from 'typeorm';
import { hitOf } from './deconfliction-rules';
import type { DeconflictionRepository } from './deconfliction.repository';
import type { NewHit } from './hit.repository';
import { ItemKeys, KeyOptions, keysForItems } from './match-keys';
import type { MatchingRepository } from './matching.repository';

/** What watching a seizure needs from the deconfliction service. */
export interface SeizureWatchDeps {
  matching: MatchingRepository;
  records: DeconflictionRepository;
  keyOptions(agency: string, tx: EntityManager): Promise<KeyOptions>;
}

/**
 * Seizures stay on watch (issue 16): a seized firearm's serial (an obliterated one through its readable parts) is
 * probed against case firearms and lookouts, and then stored as a key the seizing agency owns, so a case opened
 * afterwards meets it (MatchingRepository.probe with `seizures: true`) and learns who recovered its gun.
 *
 * Every pass covers all the seizure's firearms, those added by PATCH included: key ids derive from the firearm ids and
 * hit ids from the pair of values, so a repeated pass writes nothing twice and names the hits it found before.
 * The probe does not meet seizures, so a second pass never meets the seizure's own stored serials.
 */
export async function watchSeizure(tx: EntityManager, deps: SeizureWatchDeps, seizureId: string): Promise<NewHit[]> {
  const seizure = await deps.records.seizureForMatching(tx, seizureId);
  if (!seizure) return [];
  const { agency, caseId } = seizure;
  const keys: ItemKeys = keysForItems({ kind: 'firearms', items: seizure.firearms }, await deps.keyOptions(agency, tx));
  await deps.matching.lock(tx, keys, new Map());
  const matches = await deps.matching.probe(tx, keys, new Map(), caseId);
  await deps.matching.store(tx, { caseId: null, lookoutId: null, seizureId, agency, expiresAt: null }, keys, new Map(), new Date());
  return matches.map((m) => ({ ...hitOf(null, agency, m), a: { caseId: null, seizureId, agency, itemId: m.own.itemId, value: m.own.value } }));
}
