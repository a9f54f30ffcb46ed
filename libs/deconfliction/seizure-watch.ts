import type { EntityManager } from 'typeorm';
import { uuidFrom } from '../common/deterministic-id';
import { hitOf, mergeKeys } from './deconfliction-rules';
import type { DeconflictionRepository } from './deconfliction.repository';
import type { NewHit } from './hit.repository';
import { ItemKeys, KeyOptions, keysForItems } from './match-keys';
import { foldText } from './normalize';
import type { MatchingRepository } from './matching.repository';
import { collapseSerialParts, SerialCrowd } from './serial-collapse';

/** What watching a seizure needs from the deconfliction service. */
export interface SeizureWatchDeps {
  matching: MatchingRepository;
  records: DeconflictionRepository;
  keyOptions(agency: string, tx: EntityManager): Promise<KeyOptions>;
  /** SERIAL_PARTIAL_MAX: a seized readable part meeting more case serials than this is one review item. */
  serialPartialMax: number;
}

/** What a seizure's pass found: hits, and the firearms whose readable parts met crowds (serial-collapse.ts). */
export interface SeizureWatch { agency: string; hits: NewHit[]; crowds: SerialCrowd[] }

/**
 * Seizures stay on watch (issue 16): a seized firearm's serial (an obliterated one through its readable parts) is
 * probed against case firearms and lookouts, and then stored as a key the seizing agency owns, so a case opened
 * afterwards meets it (MatchingRepository.probe with `seizures: true`) and learns who recovered its gun.
 *
 * Every pass covers all the seizure's firearms, those added by PATCH included: key ids derive from the firearm ids and
 * hit ids from the pair of values, so a repeated pass writes nothing twice and names the hits it found before.
 * The probe does not meet seizures, so a second pass never meets the seizure's own stored serials.
 *
 * Arrested persons are watched the same way: stored as person keys the seizure owns (id from the seizure, the folded
 * name and the DOB, so a pass after a PATCH stores only the persons that are new), probed now against open cases,
 * where a CONFIRMED or PROBABLE match is a hit; a POSSIBLE one is left to the case side, whose later passes make it a
 * review item (a review item belongs to a case's query, and a seizure has no case agent to tell it is ambiguous).
 */
/**
 * The person key of an arrestee: from the seizure, the folded name and the DOB, so a pass stores each person once and
 * a PATCH that removes an arrestee names the key to take off watch (SeizureService.patch).
 */
export const arresteeKeyId = (seizureId: string, a: { fullName: string; dateOfBirth?: string | null }): string =>
  uuidFrom(`seizure-arrestee\n${seizureId}\n${foldText(a.fullName)}\n${a.dateOfBirth ?? ''}`);

export async function watchSeizure(tx: EntityManager, deps: SeizureWatchDeps, seizureId: string): Promise<SeizureWatch | null> {
  const seizure = await deps.records.seizureForMatching(tx, seizureId);
  if (!seizure) return null;
  const { agency, caseId } = seizure;
  const options = await deps.keyOptions(agency, tx);
  const arrestees = seizure.arrestees.map((a) => ({
    id: arresteeKeyId(seizureId, a), kind: 'PERSON' as const, fullName: a.fullName, dateOfBirth: a.dateOfBirth,
  }));
  const keys: ItemKeys = mergeKeys([
    keysForItems({ kind: 'firearms', items: seizure.firearms }, options), keysForItems({ kind: 'subjects', items: arrestees }, options),
  ]);
  const codes = await deps.matching.personCodes(tx, keys.persons);
  await deps.matching.lock(tx, keys, codes);
  const probed = (await deps.matching.probe(tx, keys, codes, caseId)).filter((m) => m.tier !== 'POSSIBLE');
  const { kept, crowds } = collapseSerialParts(probed, deps.serialPartialMax);
  await deps.matching.store(tx, { caseId: null, lookoutId: null, seizureId, agency, expiresAt: null }, keys, codes, new Date());
  const hits = kept.map((m) => ({ ...hitOf(null, agency, m), a: { caseId: null, seizureId, agency, itemId: m.own.itemId, value: m.own.value } }));
  return { agency, hits, crowds };
}
