import { fromLocalInput, toLocalInput } from '../../../lib/format';
import type { Seizure, SeizureElement } from '../api/types';
import { SEIZURE_ELEMENTS } from '../api/types';

export interface FirearmDraft {
  id?: string; serialNumber: string; serialObliterated: boolean; obliterationNotes: string; make: string; model: string;
  importer: string; caliber: string; action: string;
}
export interface ArresteeDraft { fullName: string; photoRef: string; criminalHistoryRef: string }
export interface ContactDraft { name: string; agency: string; phone: string }

/** What the form holds: every field as typed (strings), so a refused submission keeps it all. */
export interface SeizureDraft {
  seizedAt: string; latitude: string; longitude: string; locationDescription: string; circumstances: string;
  finder: string; seizingOfficial: string; forensicProcessor: string; firearms: FirearmDraft[];
  arrestees: ArresteeDraft[]; noArrests: boolean; pointsOfContact: ContactDraft[];
}

export const emptyFirearm = (): FirearmDraft => ({ serialNumber: '', serialObliterated: false, obliterationNotes: '', make: '', model: '', importer: '', caliber: '', action: '' });
export const emptyArrestee = (): ArresteeDraft => ({ fullName: '', photoRef: '', criminalHistoryRef: '' });
export const emptyContact = (): ContactDraft => ({ name: '', agency: '', phone: '' });

export const emptyDraft = (): SeizureDraft => ({
  seizedAt: '', latitude: '', longitude: '', locationDescription: '', circumstances: '', finder: '', seizingOfficial: '',
  forensicProcessor: '', firearms: [emptyFirearm()], arrestees: [], noArrests: false, pointsOfContact: [],
});

const s = (v: string | null | undefined) => v ?? '';

export function draftFrom(seizure: Seizure): SeizureDraft {
  return {
    seizedAt: toLocalInput(new Date(seizure.seizedAt)),
    latitude: seizure.location ? String(seizure.location.latitude) : '', longitude: seizure.location ? String(seizure.location.longitude) : '',
    locationDescription: s(seizure.location?.description), circumstances: s(seizure.circumstances), finder: s(seizure.finder),
    seizingOfficial: s(seizure.seizingOfficial), forensicProcessor: s(seizure.forensicProcessor),
    firearms: seizure.firearms.map((f) => ({
      id: f.id, serialNumber: f.serialNumber, serialObliterated: f.serialObliterated, obliterationNotes: s(f.obliterationNotes),
      make: s(f.make), model: s(f.model), importer: s(f.importer), caliber: s(f.caliber), action: s(f.action),
    })),
    arrestees: seizure.arrestees.map((a) => ({ fullName: a.fullName, photoRef: s(a.photoRef), criminalHistoryRef: s(a.criminalHistoryRef) })),
    noArrests: seizure.noArrests,
    pointsOfContact: seizure.pointsOfContact.map((p) => ({ ...p })),
  };
}

const text = (v: string) => (v.trim() ? v.trim() : undefined);
const compact = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The API body: blank fields are left out (the API refuses empty strings, and a missing element is allowed). Numbers and
 * times go as typed when unparseable, so the API's field error names the field.
 */
export function bodyFrom(draft: SeizureDraft, mode: 'create' | 'patch'): Record<string, unknown> {
  const hasLocation = [draft.latitude, draft.longitude, draft.locationDescription].some((v) => v.trim());
  const number = (v: string) => (v.trim() === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : v);
  const firearms = draft.firearms.map((f) => compact({
    ...(mode === 'create' ? { serialNumber: f.serialNumber.trim() } : { id: f.id }),
    serialObliterated: f.serialObliterated || undefined, obliterationNotes: text(f.obliterationNotes), make: text(f.make),
    model: text(f.model), importer: text(f.importer), caliber: text(f.caliber), action: text(f.action),
  }));
  const arrestees = draft.arrestees.filter((a) => a.fullName.trim() || a.photoRef.trim() || a.criminalHistoryRef.trim())
    .map((a) => compact({ fullName: a.fullName.trim(), photoRef: text(a.photoRef), criminalHistoryRef: text(a.criminalHistoryRef) }));
  const contacts = draft.pointsOfContact.filter((p) => p.name.trim() || p.agency.trim() || p.phone.trim())
    .map((p) => ({ name: p.name.trim(), agency: p.agency.trim(), phone: p.phone.trim() }));
  return compact({
    seizedAt: draft.seizedAt ? fromLocalInput(draft.seizedAt) ?? draft.seizedAt : undefined,
    location: hasLocation
      ? compact({ latitude: number(draft.latitude), longitude: number(draft.longitude), description: text(draft.locationDescription) })
      : undefined,
    circumstances: text(draft.circumstances), finder: text(draft.finder), seizingOfficial: text(draft.seizingOfficial),
    forensicProcessor: text(draft.forensicProcessor),
    firearms: mode === 'patch' && firearms.length === 0 ? undefined : firearms,
    arrestees: arrestees.length > 0 || mode === 'patch' ? arrestees : undefined,
    noArrests: mode === 'patch' ? draft.noArrests : draft.noArrests || undefined,
    pointsOfContact: contacts.length > 0 ? contacts : undefined,
  });
}

const filled = (v: string) => v.trim().length > 0;
const everyFirearm = (d: SeizureDraft, test: (f: FirearmDraft) => boolean) => d.firearms.length > 0 && d.firearms.every(test);

/** The API's completeness rules (libs/seizures/completeness.ts) over what is typed, so the checklist follows the form. */
export function draftCompleteness(d: SeizureDraft): SeizureElement[] {
  const arrestees = d.arrestees.filter((a) => filled(a.fullName) || filled(a.photoRef) || filled(a.criminalHistoryRef));
  const contacts = d.pointsOfContact.filter((p) => filled(p.name) || filled(p.agency) || filled(p.phone));
  const checks: Record<SeizureElement, boolean> = {
    SERIAL_NUMBER: everyFirearm(d, (f) => filled(f.serialNumber) && (!f.serialObliterated || filled(f.obliterationNotes))),
    MAKE_MODEL: everyFirearm(d, (f) => filled(f.make) && filled(f.model)),
    IMPORTER: everyFirearm(d, (f) => filled(f.importer)),
    SEIZURE_DATE: filled(d.seizedAt),
    LOCATION: filled(d.latitude) && filled(d.longitude),
    CIRCUMSTANCES: filled(d.circumstances),
    PERSONNEL: filled(d.finder) && filled(d.seizingOfficial) && filled(d.forensicProcessor),
    CALIBER_ACTION: everyFirearm(d, (f) => filled(f.caliber) && filled(f.action)),
    ARRESTEES: (d.noArrests && arrestees.length === 0) || (arrestees.length > 0 && arrestees.every((a) => filled(a.photoRef) && filled(a.criminalHistoryRef))),
    POINTS_OF_CONTACT: contacts.length > 0 && contacts.every((p) => filled(p.name) && filled(p.agency) && filled(p.phone)),
  };
  return SEIZURE_ELEMENTS.filter((e) => checks[e]);
}
