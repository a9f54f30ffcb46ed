import type { CountryCode } from 'libphonenumber-js';
import type { EntityManager } from 'typeorm';
import { Db, query, queryOne } from '../db/sql';

/** A seizure as deconfliction reads it: whose it is and the serials seized. */
export interface SeizureForMatching {
  agency: string; caseId: string | null;
  firearms: { id: string; serialNumber: string; serialObliterated: boolean }[];
  /** The persons arrested, as recorded (a date of birth when one was given). */
  arrestees: { fullName: string; dateOfBirth?: string }[];
}

/**
 * What the deconfliction use cases read and write besides keys (MatchingRepository), hits (HitRepository) and checks
 * (CheckRepository): agencies' countries, seized serials, lookouts.
 */
export class DeconflictionRepository {
  /** The country phone numbers and plates of an agency's values are read in, when the agency has one. */
  async agencyCountry(db: Db, agency: string): Promise<CountryCode | undefined> {
    return (await queryOne<{ country: CountryCode }>(db, 'SELECT country FROM agencies WHERE code = $1', [agency]))?.country;
  }

  /**
   * Read under a share lock: a PATCH removing an arrestee waits for a pass that read the old list to commit (and then
   * takes its keys off), and a pass starting meanwhile reads the new list, so a removed arrestee is never stored again.
   */
  async seizureForMatching(tx: EntityManager, seizureId: string): Promise<SeizureForMatching | undefined> {
    const seizure = await queryOne<{ owning_agency: string; case_id: string | null; arrestees: { list?: { fullName: string; dateOfBirth?: string }[] } }>(tx,
      'SELECT owning_agency, case_id, arrestees FROM seizures WHERE id = $1 FOR SHARE', [seizureId]);
    if (!seizure) return undefined;
    const firearms = await query<{ id: string; serial_number: string; serial_obliterated: boolean }>(tx,
      'SELECT id, serial_number, serial_obliterated FROM seizure_firearms WHERE seizure_id = $1', [seizureId]);
    return {
      agency: seizure.owning_agency, caseId: seizure.case_id,
      firearms: firearms.map((f) => ({ id: f.id, serialNumber: f.serial_number, serialObliterated: f.serial_obliterated })),
      arrestees: (seizure.arrestees.list ?? []).map((a) => ({ fullName: a.fullName, dateOfBirth: a.dateOfBirth })),
    };
  }
}
