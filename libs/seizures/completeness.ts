/** The ten data elements both countries' prosecutions need (seed 002, paragraph 5), in the seed's order. */
export const SEIZURE_ELEMENTS = [
  'SERIAL_NUMBER', 'MAKE_MODEL', 'IMPORTER', 'SEIZURE_DATE', 'LOCATION', 'CIRCUMSTANCES', 'PERSONNEL',
  'CALIBER_ACTION', 'ARRESTEES', 'POINTS_OF_CONTACT',
] as const;
export type SeizureElement = (typeof SEIZURE_ELEMENTS)[number];

export interface SeizureFirearmFacts {
  serialNumber?: string | null; serialObliterated?: boolean | null; obliterationNotes?: string | null;
  make?: string | null; model?: string | null; importer?: string | null; caliber?: string | null; action?: string | null;
}

export interface SeizureFacts {
  seizedAt?: string | Date | null;
  location?: { latitude?: number | null; longitude?: number | null } | null;
  circumstances?: string | null;
  finder?: string | null; seizingOfficial?: string | null; forensicProcessor?: string | null;
  firearms: SeizureFirearmFacts[];
  arrestees?: { fullName?: string; photoRef?: string | null; criminalHistoryRef?: string | null }[] | null;
  /** Nobody was arrested: element 9 is then satisfied rather than missing forever. */
  noArrests?: boolean | null;
  pointsOfContact?: { name?: string; agency?: string; phone?: string }[] | null;
}

const filled = (v: unknown): boolean => (typeof v === 'string' ? v.trim().length > 0 : v !== null && v !== undefined);
const everyFirearm = (f: SeizureFirearmFacts[], test: (x: SeizureFirearmFacts) => boolean) => f.length > 0 && f.every(test);

const CHECKS: Record<SeizureElement, (s: SeizureFacts) => boolean> = {
  SERIAL_NUMBER: (s) => everyFirearm(s.firearms, (f) => filled(f.serialNumber) && (!f.serialObliterated || filled(f.obliterationNotes))),
  MAKE_MODEL: (s) => everyFirearm(s.firearms, (f) => filled(f.make) && filled(f.model)),
  IMPORTER: (s) => everyFirearm(s.firearms, (f) => filled(f.importer)),
  SEIZURE_DATE: (s) => filled(s.seizedAt),
  LOCATION: (s) => filled(s.location?.latitude) && filled(s.location?.longitude),
  CIRCUMSTANCES: (s) => filled(s.circumstances),
  PERSONNEL: (s) => filled(s.finder) && filled(s.seizingOfficial) && filled(s.forensicProcessor),
  CALIBER_ACTION: (s) => everyFirearm(s.firearms, (f) => filled(f.caliber) && filled(f.action)),
  ARRESTEES: (s) => (s.noArrests === true && (s.arrestees ?? []).length === 0)
    || ((s.arrestees ?? []).length > 0 && (s.arrestees ?? []).every((a) => filled(a.photoRef) && filled(a.criminalHistoryRef))),
  POINTS_OF_CONTACT: (s) => (s.pointsOfContact ?? []).length > 0
    && (s.pointsOfContact ?? []).every((p) => filled(p.name) && filled(p.agency) && filled(p.phone)),
};

/** Which of the ten elements a record has; an element about firearms is present only when every firearm has it. */
export function completeness(s: SeizureFacts): { present: SeizureElement[]; missing: SeizureElement[] } {
  const present = SEIZURE_ELEMENTS.filter((e) => CHECKS[e](s));
  return { present, missing: SEIZURE_ELEMENTS.filter((e) => !present.includes(e)) };
}
